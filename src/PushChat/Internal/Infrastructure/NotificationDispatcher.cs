using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Runs host event handlers one at a time, in order, away from the socket loops and the output
/// threads. A handler that throws is logged and the next one runs. The queue is bounded
/// (<see cref="ChatServerLimits.MaxQueuedHostEvents"/>): a handler slower than the chat loses the
/// oldest events, never the server its memory.
/// </summary>
internal sealed class NotificationDispatcher
{
    private static readonly TimeSpan DropReportInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<(string Name, Action Handler)> _queue;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _reportIntervalTicks;
    private readonly Task _loop;

    // Drops since the last report; read and reset by the loop, which logs them.
    private long _unreported;
    private long _dropped;
    private long _nextReport = long.MinValue;

    /// <param name="logger">Where handler failures and drops are logged, from the event loop only.</param>
    /// <param name="capacity">The most events that wait; the oldest is dropped for each one more.</param>
    /// <param name="time">Paces the drop reports.</param>
    public NotificationDispatcher(ILogger logger, int capacity, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        _reportIntervalTicks = (long)(DropReportInterval.TotalSeconds * time.TimestampFrequency);

        // Counted here, on the posting thread (under the chat's lock); logged by the loop, since a
        // logger is host code and must not run there.
        _queue = Channel.CreateBounded<(string Name, Action Handler)>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ =>
            {
                Interlocked.Increment(ref _unreported);
                Interlocked.Increment(ref _dropped);
            });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Events dropped so far because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a handler; never blocks, dropping the oldest waiting one when full.</summary>
    public void Post(string eventName, Action handler) => _queue.Writer.TryWrite((eventName, handler));

    /// <summary>Lets the queued notifications run, then stops; the token stops only the wait for a handler that blocks.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitUntil(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The handlers go on in the background; the stop does not wait for them any longer.
        }
    }

    private async Task RunAsync()
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var item))
            {
                ReportDrops(force: false);
                try
                {
                    item.Handler();
                }
#pragma warning disable CA1031 // Host code must not break the server.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.EventHandlerFailed(_logger, item.Name, ex);
                }
            }
        }

        ReportDrops(force: true);
    }

    /// <summary>Logs the drops since the last report, at most once per interval unless the queue ended.</summary>
    private void ReportDrops(bool force)
    {
        if (Interlocked.Read(ref _unreported) == 0)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (!force && now < _nextReport)
        {
            return;
        }

        _nextReport = now + _reportIntervalTicks;
        var count = Interlocked.Exchange(ref _unreported, 0);
        try
        {
            Log.HostEventsDropped(_logger, count, _queue.Reader.CanCount ? _queue.Reader.Count : -1);
        }
#pragma warning disable CA1031 // A logger is host code too.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
