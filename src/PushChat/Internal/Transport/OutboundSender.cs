using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// Sends a queue's writes on its connection, one at a time, and tells the queue how each ended.
/// It exists so that the queue deals only with what a finished or failed send means for it, not
/// with how a send completes; a connection keeps one for life, so a write allocates nothing.
/// </summary>
internal abstract class OutboundSender
{
    private long _sentBytes;

    protected OutboundSender(OutboundQueue queue) => Queue = queue;

    protected OutboundQueue Queue { get; }

    /// <summary>The bytes of every write that finished: taken by the peer or held in the socket's buffer (for tests).</summary>
    public long SentBytes => Interlocked.Read(ref _sentBytes);

    /// <summary>
    /// Sends <paramref name="pieces"/> and clears them once sent. Returns true when the send
    /// finished at once. Otherwise the queue hears of the outcome: through
    /// <see cref="OutboundQueue.Fail"/> if the send failed, or, for a send that cannot finish at
    /// once (the peer's window is full), through <see cref="OutboundQueue.ContinueLater"/> when
    /// it completes on its own.
    /// </summary>
    public abstract bool Send(WritePieces pieces);

    /// <summary>A write of <paramref name="bytes"/> finished.</summary>
    protected void NoteSent(int bytes) => Interlocked.Add(ref _sentBytes, bytes);

    /// <summary>The queue is done with for good: what the sender holds is freed, now or when the send under way ends.</summary>
    public virtual void Release()
    {
    }
}
