using System;

namespace PushChat.Internal.Transport;

/// <summary>What an <see cref="OutboundQueue"/> tells the connection it writes for.</summary>
internal interface IOutboundOwner
{
    /// <summary>Everything queued before <see cref="OutboundQueue.Complete"/> was sent.</summary>
    void OnOutputCompleted();

    /// <summary>The reader fell further behind than its bound allows.</summary>
    void OnOutputOverflow();

    /// <summary>A write failed (the peer went away).</summary>
    void OnOutputFailed(Exception error);
}
