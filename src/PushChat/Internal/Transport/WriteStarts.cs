namespace PushChat.Internal.Transport;

/// <summary>
/// Queues whose writes must start, gathered while a fan-out is applied and handed to their writer
/// loops together: one lock per loop instead of one per reader. The queues are chained through
/// themselves, so starting thousands of writers allocates nothing per reader.
/// </summary>
internal sealed class WriteStarts
{
    // One chain per writer loop touched: at most one per core, found by a short scan.
    private Chain[] _chains = new Chain[2];
    private int _count;

    /// <summary>Adds a queue whose write must start; a queue is in at most one chain at a time.</summary>
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

    /// <summary>Hands every chain to its writer loop and starts empty again.</summary>
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
