using System;
using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// A thread that writes outbound queues in turn: it takes every queue waiting for it, gives each
/// one write of everything it holds, and starts over with the queues that got more meanwhile.
/// </summary>
/// <remarks>
/// Writers run on their own few threads, not on the thread pool, so that reading and answering
/// requests never waits in the pool's queue behind fan-out writes. Under overload the number of
/// queues waiting is bounded by the number of connections, not by the number of lines: a queue
/// that waits longer for its turn gathers more lines into its next write.
/// </remarks>
internal sealed class WriterLoop : IDisposable
{
    private readonly object _gate = new();
    private readonly Thread _thread;
    private OutboundQueue? _first;
    private OutboundQueue? _last;
    private bool _idle;
    private bool _stopping;

    public WriterLoop(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Appends a queue to the end of the turn order.</summary>
    public void Schedule(OutboundQueue queue) => Schedule(queue, queue);

    /// <summary>Appends a chain of queues linked through <see cref="OutboundQueue.NextToWrite"/>.</summary>
    public void Schedule(OutboundQueue first, OutboundQueue last)
    {
        lock (_gate)
        {
            if (_last is null)
            {
                _first = first;
            }
            else
            {
                _last.NextToWrite = first;
            }

            _last = last;
            if (_idle)
            {
                _idle = false;
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Stops the thread after the current round; used for loops that are not shared.</summary>
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
            OutboundQueue? round;
            lock (_gate)
            {
                while (_first is null && !_stopping)
                {
                    _idle = true;
                    Monitor.Wait(_gate);
                }

                if (_stopping)
                {
                    return;
                }

                round = _first;
                _first = null;
                _last = null;
            }

            while (round is not null)
            {
                // Unlinked first: the write may schedule the queue again, at the end of the next round.
                var queue = round;
                round = queue.NextToWrite;
                queue.NextToWrite = null;
                try
                {
                    queue.WriteQueued();
                }
#pragma warning disable CA1031 // An exception on this thread would end the process; one connection's must not stop every other's output.
                catch (Exception)
#pragma warning restore CA1031
                {
                    queue.Close();
                }
            }
        }
    }
}
