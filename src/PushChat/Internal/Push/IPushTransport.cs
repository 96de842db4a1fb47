using System;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>What carries a push stream's bytes: a connection whose response stays open.</summary>
internal interface IPushTransport
{
    /// <summary>Queues body bytes; <paramref name="bounded"/> bytes count against the reader's queue bound.</summary>
    bool Write(ReadOnlyMemory<byte> body, DrainBatch? batch, bool bounded);

    /// <summary>Queues bytes as they are, at once, ahead of lines still waiting for the fan-out: only for bytes whose place among them does not matter.</summary>
    bool WriteNow(ReadOnlyMemory<byte> body, bool bounded);

    /// <summary>Queues a room's history for a reader that just came in: its lines (framed as chunks, see <see cref="PushItem.Framed"/>) go out as the reader drains.</summary>
    void WriteReplay(ReadOnlyMemory<byte>[] lines);

    /// <summary>Queues a fan-out's lines (framed as chunks, see <see cref="PushItem.Framed"/>), on the dispatcher's thread; a queue whose write must start joins <paramref name="starts"/>.</summary>
    void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, WriteStarts starts);

    /// <summary>Ends the stream after the given last bytes and closes the transport.</summary>
    void EndStream(ReadOnlyMemory<byte> finalBody);

    /// <summary>Names who is told when the transport closes; told at once if it already has.</summary>
    void SetClosedHandler(Action onClosed);
}
