using System;
using System.Diagnostics.Metrics;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Counters under the meter "PushChat", readable with any System.Diagnostics.Metrics listener.
/// Each server has its own meter, from the host's <see cref="IMeterFactory"/> when it has one, so
/// two servers in one process never mix their counts.
/// </summary>
internal sealed class ChatMetrics : IDisposable
{
    public const string MeterName = "PushChat";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public ChatMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
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
