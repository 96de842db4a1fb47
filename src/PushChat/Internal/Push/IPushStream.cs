using System;
using System.Collections.Generic;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>
/// One reader's open push stream, whatever carries it (the chat frame, SSE, a WebSocket). The chat layer
/// writes lines to it and never sees the connection underneath.
/// </summary>
internal interface IPushStream : IFanOutTarget
{
    IPushReader Reader { get; }

    LineFormat Format { get; }

    /// <summary>When the stream last got bytes, in <see cref="TimeProvider"/> timestamp ticks.</summary>
    long LastWrite { get; }

    /// <summary>Set once the transport closed; a room never adds a closed stream.</summary>
    bool IsClosed { get; }

    /// <summary>
    /// Queues what comes before live items (the room, what was missed, the kept items the reader
    /// has not seen); they go out as the reader drains. Called under the chat state's lock.
    /// </summary>
    void Replay(StreamReplay replay, long now);

    void KeepAlive(long now, DrainBatch batch);

    /// <summary>Ends the stream after its goodbye and closes the transport; <paramref name="reason"/> says why (see PROTOCOL.md's <c>bye</c>).</summary>
    void End(string reason);
}
