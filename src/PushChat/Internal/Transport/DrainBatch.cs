namespace PushChat.Internal.Transport;

/// <summary>
/// The queues a fan-out woke up, handed to their writer loops together once the fan-out is done.
/// </summary>
/// <remarks>
/// A fan-out queues the same line to thousands of readers under its room's lock; handing each
/// writer loop one chain afterwards takes one lock per loop instead of one per reader, and lets
/// the writers start only after the room's lock is released. The queues are chained through
/// themselves, so a fan-out to thousands of readers allocates nothing per reader.
/// </remarks>
internal sealed class DrainBatch
{
    // One chain per writer loop the fan-out touched: at most one per core, found by a short scan.
    private Chain[] _chains = new Chain[2];
    private int _count;

    /// <summary>Adds a queue whose write must start; a queue is in at most one batch at a time.</summary>
    public void Add(OutboundQueue queue)
    {
        var writer = queue.Writer;
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_chains[i].Writer, writer))
            {
                _chains[i].Last.NextToWrite = queue;
                _chains[i].Last = queue;
                return;
            }
        }

        if (_count == _chains.Length)
        {
            System.Array.Resize(ref _chains, _count * 2);
        }

        _chains[_count++] = new Chain { Writer = writer, First = queue, Last = queue };
    }

    /// <summary>Hands every chain to its writer loop; the batch must not be used afterwards.</summary>
    public void Schedule()
    {
        for (var i = 0; i < _count; i++)
        {
            _chains[i].Writer.Schedule(_chains[i].First, _chains[i].Last);
            _chains[i] = default;
        }

        _count = 0;
    }

    private struct Chain
    {
        public WriterLoop Writer;
        public OutboundQueue First;
        public OutboundQueue Last;
    }
}
