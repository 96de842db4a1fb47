using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Counters under the meter "PushChat", readable with any System.Diagnostics.Metrics listener.
/// Each server has its own meter, from the host's <see cref="IMeterFactory"/> when it has one, so
/// two servers in one process never mix their counts.
/// </summary>
internal sealed class ChatMetrics : IDisposable
{
    public const string MeterName = "PushChat";

    private static long _lastServer;

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public ChatMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;

        // A factory hands out one meter per name and tags: the server's own tag keeps two servers
        // sharing a factory apart.
        var server = new KeyValuePair<string, object?>("pushchat.server", Interlocked.Increment(ref _lastServer));
        _meter = meterFactory?.Create(new MeterOptions(MeterName) { Tags = new[] { server } }) ?? new Meter(MeterName, null, new[] { server });
        Connections = _meter.CreateUpDownCounter<long>("pushchat.connections", description: "Open connections");
        Sessions = _meter.CreateUpDownCounter<long>("pushchat.sessions", description: "Logged-in sessions");
        LinesPosted = _meter.CreateCounter<long>("pushchat.lines_posted", description: "Lines posted to rooms");
        Deliveries = _meter.CreateCounter<long>("pushchat.deliveries", description: "Lines queued to readers");
        SlowReadersDropped = _meter.CreateCounter<long>("pushchat.slow_readers_dropped", description: "Readers disconnected for falling behind");
        BadRequests = _meter.CreateCounter<long>("pushchat.bad_requests", description: "Requests refused as malformed or over a limit");
    }

    public UpDownCounter<long> Connections { get; }

    public UpDownCounter<long> Sessions { get; }

    public Counter<long> LinesPosted { get; }

    public Counter<long> Deliveries { get; }

    public Counter<long> SlowReadersDropped { get; }

    public Counter<long> BadRequests { get; }

    /// <summary>Ends a meter this server made itself; one from a factory belongs to the factory.</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
