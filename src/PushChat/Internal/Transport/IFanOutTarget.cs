using System;

namespace PushChat.Internal.Transport;

/// <summary>A reader a fan-out reaches: takes published lines, on the dispatcher's thread.</summary>
internal interface IFanOutTarget
{
    /// <summary>Queues the lines in order; a queue whose write must start joins <paramref name="starts"/>.</summary>
    void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, long now, WriteStarts starts);
}
