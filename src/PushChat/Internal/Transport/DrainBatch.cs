using System.Collections.Generic;
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
/// more lines into their next write.
/// </remarks>
internal sealed class DrainBatch
#if NET
    : IThreadPoolWorkItem
#endif
{
    // Writers started per work item before the rest of the batch goes to the back of the queue,
    // behind whatever arrived meanwhile (the next post above all): a few milliseconds of sends.
    private const int WritersPerTurn = 256;

    private List<OutboundQueue>? _queues;
    private int _next;

    public void Add(OutboundQueue queue) => (_queues ??= new List<OutboundQueue>()).Add(queue);

    /// <summary>Starts the writers on the thread pool, a turn at a time; the batch must not be used afterwards.</summary>
    public void Schedule()
    {
        if (_queues is null)
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
        var queues = _queues!;
        var end = System.Math.Min(queues.Count, _next + WritersPerTurn);
        for (; _next < end; _next++)
        {
            queues[_next].RunDrain();
        }

        if (_next < queues.Count)
        {
            Schedule();
        }
    }
}
