namespace PushChat.Internal.Transport;

/// <summary>
/// Sends a queue's writes on its connection, one at a time, and tells the queue how each ended.
/// It exists so that the queue deals only with what a finished or failed send means for it, not
/// with how a send completes; a connection keeps one for life, so a write allocates nothing.
/// </summary>
internal abstract class OutboundSender
{
    protected OutboundSender(OutboundQueue queue) => Queue = queue;

    protected OutboundQueue Queue { get; }

    /// <summary>
    /// Sends <paramref name="pieces"/> and clears them once sent. Returns true when the send
    /// finished at once. Otherwise the queue hears of the outcome: through
    /// <see cref="OutboundQueue.Fail"/> if the send failed, or, for a send that cannot finish at
    /// once (the peer's window is full), through <see cref="OutboundQueue.ContinueLater"/> when
    /// it completes on its own.
    /// </summary>
    public abstract bool Send(WritePieces pieces);

    /// <summary>The queue is done with for good: what the sender holds is freed, now or when the send under way ends.</summary>
    public virtual void Release()
    {
    }
}
