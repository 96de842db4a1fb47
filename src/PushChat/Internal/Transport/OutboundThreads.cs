using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// One server's output threads: the fan-out thread and the writer loops, created when the server
/// starts and ended by its stop, once its connections are closed. A server's own, not the
/// process's: two servers in one process never wait for each other's readers, and stopping one
/// leaves no thread of it behind.
/// </summary>
internal sealed class OutboundThreads : IDisposable
{
    private readonly WriterLoop[] _writers;
    private int _next = -1;

    /// <param name="server">Tells this server's threads apart from another's in a thread dump.</param>
    public OutboundThreads(string server)
        : this(server, Math.Max(1, Math.Min(Environment.ProcessorCount, 16)))
    {
    }

    /// <param name="server">Tells this server's threads apart from another's in a thread dump.</param>
    /// <param name="writerCount">
    /// How many writer loops: one per core (at most 16) by default, few enough that writing never
    /// takes every core from request handling, enough that a fan-out writes on all of them.
    /// </param>
    public OutboundThreads(string server, int writerCount)
    {
        Dispatcher = new OutboundDispatcher($"PushChat fan-out {server}");
        _writers = new WriterLoop[writerCount];
        for (var i = 0; i < writerCount; i++)
        {
            _writers[i] = new WriterLoop($"PushChat writer {server}.{(i + 1).ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>The thread every fan-out of this server goes through, in the order posted.</summary>
    public OutboundDispatcher Dispatcher { get; }

    /// <summary>Every dedicated thread, to tell whose it is and whether it ended (tests, diagnostics).</summary>
    public IReadOnlyList<Thread> Threads
    {
        get
        {
            var threads = new List<Thread>(_writers.Length + 1) { Dispatcher.Thread };
            foreach (var writer in _writers)
            {
                threads.Add(writer.Thread);
            }

            return threads;
        }
    }

    /// <summary>
    /// The loop for a new queue, round-robin. A queue keeps it for its lifetime, so its writes stay
    /// in order on one thread.
    /// </summary>
    public WriterLoop NextWriter()
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)_writers.Length);
        return _writers[index];
    }

    /// <summary>
    /// Ends the threads after what was handed to them: the fan-out first, since what it applies
    /// starts writers, then the writers.
    /// </summary>
    public void Dispose()
    {
        Dispatcher.Dispose();
        foreach (var writer in _writers)
        {
            writer.Dispose();
        }
    }
}
