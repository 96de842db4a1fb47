using System;
using System.Threading;

namespace PushChat.Internal.WebSockets;

/// <summary>
/// Watches a client's silence on the injected clock: a ping after <see cref="WebSocketLimits.PingInterval"/>,
/// so proxies and the client see traffic and a live client answers; the end after
/// <see cref="WebSocketLimits.IdleTimeout"/>, when not even a pong came. Receiving only stamps the
/// time; one timer, re-armed for the next moment that matters, does the rest.
/// </summary>
internal sealed class WebSocketKeepAlive
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _pingInterval;
    private readonly TimeSpan _idleTimeout;
    private readonly Action _ping;
    private readonly Action _idle;
    private readonly ITimer _timer;
    private long _lastHeard;
    private long _pingedFor = -1;
    private bool _disposed;

    public WebSocketKeepAlive(TimeProvider time, WebSocketLimits limits, Action ping, Action idle)
    {
        _time = time;
        _pingInterval = limits.PingInterval;
        _idleTimeout = limits.IdleTimeout;
        _ping = ping;
        _idle = idle;
        _lastHeard = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((WebSocketKeepAlive)state!).Check(), this, _pingInterval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Something came from the client.</summary>
    public void Heard() => Volatile.Write(ref _lastHeard, _time.GetTimestamp());

    /// <summary>Stops watching: the connection ended.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Check()
    {
        var heard = Volatile.Read(ref _lastHeard);
        var silent = _time.GetElapsedTime(heard);
        if (silent >= _idleTimeout)
        {
            _idle();
            return;
        }

        if (silent >= _pingInterval && _pingedFor != heard)
        {
            // One ping per silence: the next check is the idle limit, not another ping.
            _pingedFor = heard;
            _ping();
        }

        var next = silent >= _pingInterval ? _idleTimeout - silent : _pingInterval - silent;
        lock (_gate)
        {
            if (!_disposed)
            {
                _timer.Change(next, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
