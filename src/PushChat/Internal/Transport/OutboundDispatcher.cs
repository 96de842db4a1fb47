using System;
using System.Threading;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Transport;

/// <summary>
/// The thread that applies fan-outs: a post hands over its room's readers and returns at once,
/// and this thread queues the line to each of them, in the order the posts were made, then
/// starts their writers.
/// </summary>
/// <remarks>
/// Queuing one line to ten thousand readers takes a millisecond or more; done by the request
/// that posted it, under its room's lock, every other post of the room waited for it and a
/// preempted poster held them all. Here a post costs its request a few field writes. When posts
/// arrive faster than they are applied, consecutive ones to the same readers are applied
/// together, each reader taking all their lines at once, so the work per pass stays one visit
/// per reader however many lines wait. Everything else sent to a stream while fan-outs wait
/// goes through the same order (<see cref="QueuedOperation"/>); while none waits, it is queued at once.
/// </remarks>
internal sealed class OutboundDispatcher : WorkerThread<OutboundJob>
{
    private readonly WriteStarts _starts = new();
    private int _outstanding;

    /// <param name="name">The thread's name, which tells its server apart in a thread dump.</param>
    public OutboundDispatcher(string name)
        : base(name)
    {
    }

    /// <summary>Whether no job is waiting or being applied: output may then be queued directly.</summary>
    public bool IsIdle => Volatile.Read(ref _outstanding) == 0;

    public void Post(OutboundJob job)
    {
        // Counted before it is visible, so that output arriving from now on waits behind it.
        Interlocked.Increment(ref _outstanding);
        Append(job, job);
    }

    protected override void Link(OutboundJob item, OutboundJob next) => item.NextJob = next;

    protected override void Work(OutboundJob chain)
    {
        OutboundJob? jobs = chain;
        while (jobs is not null)
        {
            var job = jobs;
            jobs = job.NextJob;
            job.NextJob = null;
            var applied = 1;
            while (jobs is not null && job.TryAbsorb(jobs))
            {
                var absorbed = jobs;
                jobs = absorbed.NextJob;
                absorbed.NextJob = null;
                applied++;
            }

            try
            {
                job.Apply(_starts);
            }
#pragma warning disable CA1031 // A connection's callback that throws must not stop the output of every other one.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            Interlocked.Add(ref _outstanding, -applied);

            // The writes a job made due start now, not after the jobs behind it.
            _starts.Schedule();
        }
    }
}
