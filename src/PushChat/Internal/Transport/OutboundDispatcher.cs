using System;
using System.Threading;

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
internal sealed class OutboundDispatcher : IDisposable
{
    private static readonly Lazy<OutboundDispatcher> Instance = new(() => new OutboundDispatcher("PushChat fan-out"), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly object _gate = new();
    private readonly WriteStarts _starts = new();
    private OutboundJob? _first;
    private OutboundJob? _last;
    private int _outstanding;
    private readonly Thread _thread;
    private bool _idle;
    private bool _stopping;

    /// <summary>A dispatcher of its own; the server uses <see cref="Shared"/>.</summary>
    internal OutboundDispatcher(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>The process's dispatcher.</summary>
    public static OutboundDispatcher Shared => Instance.Value;

    /// <summary>Whether no job is waiting or being applied: output may then be queued directly.</summary>
    public bool IsIdle => Volatile.Read(ref _outstanding) == 0;

    public void Post(OutboundJob job)
    {
        // Counted before it is visible, so that output arriving from now on waits behind it.
        Interlocked.Increment(ref _outstanding);
        lock (_gate)
        {
            if (_last is null)
            {
                _first = job;
            }
            else
            {
                _last.NextJob = job;
            }

            _last = job;
            if (_idle)
            {
                _idle = false;
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Stops the thread once the jobs already posted are applied; used for dispatchers that are not shared.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
    }

    private void Run()
    {
        while (true)
        {
            OutboundJob? jobs;
            lock (_gate)
            {
                while (_first is null)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    _idle = true;
                    Monitor.Wait(_gate);
                }

                jobs = _first;
                _first = null;
                _last = null;
            }

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
            }

            _starts.Schedule();
        }
    }
}
