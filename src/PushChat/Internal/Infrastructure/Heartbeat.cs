using System;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// One timer for all housekeeping, like Kestrel's heartbeat: once a second it runs the given
/// action (deadlines, keep-alives, expiry). Ticks never overlap; a slow tick skips the next.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Action _onTick;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private int _running;

    public Heartbeat(TimeProvider time, Action onTick, ILogger logger)
    {
        _onTick = onTick;
        _logger = logger;
        _timer = time.CreateTimer(static state => ((Heartbeat)state!).Tick(), this, Interval, Interval);
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            return;
        }

        try
        {
            _onTick();
        }
#pragma warning disable CA1031 // Housekeeping must keep running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HeartbeatFailed(_logger, ex);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
