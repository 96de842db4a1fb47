using System;
using System.Collections.Generic;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>
/// One reader's open push stream, whatever carries it (the chat frame today). The chat layer
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

    /// <summary>Queues the lines of history the reader may see, oldest first; they go out as the reader drains.</summary>
    void Replay(IReadOnlyList<ChatLine> lines, long now);

    void KeepAlive(long now, DrainBatch batch);

    /// <summary>Ends the stream after its goodbye and closes the transport.</summary>
    void End();
}
