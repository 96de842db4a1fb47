namespace PushChat.Internal.Transport;

/// <summary>
/// One enqueue or completion of a single queue that arrived while fan-outs were waiting: it
/// waits behind them, so that a stream's own bytes (its end above all) never overtake the lines
/// published to it before.
/// </summary>
internal sealed class QueuedOperation : OutboundJob
{
    private readonly OutboundQueue _queue;
    private readonly OutboundSegment _segment;
    private readonly bool _complete;

    private QueuedOperation(OutboundQueue queue, OutboundSegment segment, bool complete)
    {
        _queue = queue;
        _segment = segment;
        _complete = complete;
    }

    public static QueuedOperation Enqueue(OutboundQueue queue, OutboundSegment segment) => new(queue, segment, complete: false);

    public static QueuedOperation Complete(OutboundQueue queue, OutboundSegment last) => new(queue, last, complete: true);

    public override void Apply(WriteStarts starts)
    {
        if (_complete)
        {
            _queue.ApplyComplete(_segment);
        }
        else
        {
            _queue.Apply(_segment, starts);
        }
    }
}
