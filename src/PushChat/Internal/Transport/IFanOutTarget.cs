using System;
using PushChat.Internal.Push;

namespace PushChat.Internal.Transport;

/// <summary>A reader a fan-out reaches: takes published lines and deletions, on the dispatcher's thread.</summary>
internal interface IFanOutTarget
{
    /// <summary>Queues, in order, the lines (and deletions) its reader may see; a queue whose write must start joins <paramref name="starts"/>.</summary>
    void Deliver(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts);

    /// <summary>
    /// <see cref="Deliver"/> threw: the reader missed lines, so it must be closed (and the error
    /// logged). Called on a thread-pool thread, never on the dispatcher's.
    /// </summary>
    void DeliveryFailed(Exception error);
}
