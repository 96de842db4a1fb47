using System;
using System.Threading;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// A dedicated thread that takes the work handed to it as a chain of items, in order, and sleeps
/// while there is none. The fan-out and the writers are each one of these; they differ only in
/// how their items are linked and what the thread does with a chain.
/// </summary>
/// <remarks>
/// A thread of its own rather than the thread pool: the pool's threads carry every connection's
/// reading and answering, which must never wait in its queue behind output. Posting costs the
/// poster a lock and a pulse only when the thread sleeps. Items are linked through a field of
/// the item itself, so handing work over allocates nothing. The thread belongs to one server and
/// ends with it: <see cref="Dispose"/> lets it finish what was posted before, then joins it.
/// </remarks>
/// <typeparam name="T">The work item, which carries its own link to the next one.</typeparam>
internal abstract class WorkerThread<T> : IDisposable
    where T : class
{
    private readonly object _gate = new();
    private readonly Thread _thread;
    private T? _first;
    private T? _last;
    private bool _idle;
    private bool _stopping;

    /// <summary>Starts the thread; a derived type must be ready by then, so its fields are set by their initializers.</summary>
    protected WorkerThread(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>The thread, to tell whose it is and whether it ended (tests, diagnostics).</summary>
    internal Thread Thread => _thread;

    /// <summary>Stops the thread once what was posted before is done, and waits for it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        // Never from its own thread, which would wait for itself: output ends from the server's stop.
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
    }

    /// <summary>Appends a chain of items, already linked from <paramref name="first"/> to <paramref name="last"/>, to the work.</summary>
    protected void Append(T first, T last)
    {
        lock (_gate)
        {
            if (_last is null)
            {
                _first = first;
            }
            else
            {
                Link(_last, first);
            }

            _last = last;
            if (_idle)
            {
                _idle = false;
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Links <paramref name="next"/> after <paramref name="item"/>; called under the thread's lock.</summary>
    protected abstract void Link(T item, T next);

    /// <summary>Does the work of a chain on the thread; must not throw.</summary>
    protected abstract void Work(T chain);

    private void Run()
    {
        while (true)
        {
            T? chain;
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

                chain = _first;
                _first = null;
                _last = null;
            }

            Work(chain);
        }
    }
}
