using System.Diagnostics.Metrics;

namespace PushChat.Internal.Infrastructure;

/// <summary>Counters under the meter "PushChat", readable with any System.Diagnostics.Metrics listener.</summary>
internal static class ChatMetrics
{
    public const string MeterName = "PushChat";

    private static readonly Meter Meter = new(MeterName);

    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>("pushchat.connections", description: "Open connections");

    public static readonly UpDownCounter<long> Sessions = Meter.CreateUpDownCounter<long>("pushchat.sessions", description: "Logged-in sessions");

    public static readonly Counter<long> LinesPosted = Meter.CreateCounter<long>("pushchat.lines_posted", description: "Lines posted to rooms");

    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("pushchat.deliveries", description: "Lines queued to readers");

    public static readonly Counter<long> SlowReadersDropped = Meter.CreateCounter<long>("pushchat.slow_readers_dropped", description: "Readers disconnected for falling behind");

    public static readonly Counter<long> BadRequests = Meter.CreateCounter<long>("pushchat.bad_requests", description: "Requests refused as malformed or over a limit");
}
