using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// The writers a fan-out woke up, started together by one thread-pool work item.
/// </summary>
/// <remarks>
/// One work item per reader would put thousands of items in the thread pool's queue ahead of
/// the next incoming post, so each writer would find a single line to send and the server would
/// pay one system call per line. One item per fan-out leaves the other threads free to take the
/// next post while this one writes, and readers still waiting for their turn meanwhile gather
/// more lines into their next write. The writers are chained through the queues themselves, so a
/// fan-out to thousands of readers allocates nothing here.
/// </remarks>
internal sealed class DrainBatch
#if NET
    : IThreadPoolWorkItem
#endif
{
    // Writers started per work item before the rest of the batch goes to the back of the queue,
    // behind whatever arrived meanwhile (the next post above all): a few milliseconds of sends.
    private const int WritersPerTurn = 256;

    private OutboundQueue? _first;
    private OutboundQueue? _last;

    /// <summary>Adds a queue whose writer must start; a queue is in at most one batch at a time.</summary>
    public void Add(OutboundQueue queue)
    {
        if (_last is null)
        {
            _first = queue;
        }
        else
        {
            _last.NextInBatch = queue;
        }

        _last = queue;
    }

    /// <summary>Starts the writers on the thread pool, a turn at a time; the batch must not be used afterwards.</summary>
    public void Schedule()
    {
        if (_first is null)
        {
            return;
        }

#if NET
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
#else
        ThreadPool.UnsafeQueueUserWorkItem(static state => ((DrainBatch)state!).Execute(), this);
#endif
    }

    public void Execute()
    {
        // Take one turn off the front and hand the rest on first, so that another thread can
        // write the next turn in parallel, queued behind whatever arrived meanwhile.
        var turn = _first!;
        var last = turn;
        for (var taken = 1; taken < WritersPerTurn && last.NextInBatch is not null; taken++)
        {
            last = last.NextInBatch;
        }

        _first = last.NextInBatch;
        last.NextInBatch = null;
        if (_first is not null)
        {
            Schedule();
        }

        for (var queue = turn; queue is not null;)
        {
            var next = queue.NextInBatch;
            queue.NextInBatch = null;
            queue.RunDrain();
            queue = next;
        }
    }
}
