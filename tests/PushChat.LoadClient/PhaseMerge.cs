namespace PushChat.LoadClient;

/// <summary>
/// One phase as several client processes measured it, merged into one result as if one client
/// had held every reader: counts are summed, latency histograms merged bucket by bucket (never
/// averages of percentiles), the readers' orders compared across processes, and the figures only
/// the publishing process measures (the nodes', the database's, the posts') taken from it.
/// </summary>
public static class PhaseMerge
{
    /// <summary>The most common orders a process reports; a run with more differing orders than this has long failed.</summary>
    public const int HashesKept = 32;

    /// <summary>Readers by the hash of the order they received lines in, the most common first.</summary>
    public static Dictionary<long, long> OrderHashes(IEnumerable<long> hashes) => hashes
        .GroupBy(h => h)
        .OrderByDescending(g => g.LongCount())
        .Take(HashesKept)
        .ToDictionary(g => g.Key, g => g.LongCount());

    /// <summary>Merges the processes' results of one phase; <paramref name="publisher"/> is the index of the one that posted.</summary>
    public static PhaseResult Merge(IReadOnlyList<PhaseResult> parts, int publisher)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var lead = parts[publisher];
        var latencies = Histogram(parts.Select(p => (p.LatencyBuckets, p.MaxMs)));
        var answers = Histogram(parts.Select(p => (p.PostBuckets, p.PostMaxMs)));
        var delivered = parts.Sum(p => p.Delivered);
        var orders = new Dictionary<long, long>();
        foreach (var (hash, count) in parts.SelectMany(p => p.OrderHashes))
        {
            orders[hash] = orders.GetValueOrDefault(hash) + count;
        }

        var open = parts.Sum(p => p.OpenReaders);
        var nodeDelivered = new long[parts.Max(p => p.NodeDelivered.Length)];
        foreach (var part in parts)
        {
            for (var i = 0; i < part.NodeDelivered.Length; i++)
            {
                nodeDelivered[i] += part.NodeDelivered[i];
            }
        }

        var clientCpu = parts.Sum(p => p.ClientCpuSeconds);
        return lead with
        {
            Readers = parts.Sum(p => p.Readers),
            SlowReaders = parts.Sum(p => p.SlowReaders),
            Seconds = parts.Max(p => p.Seconds),
            PostsRejected = parts.Sum(p => p.PostsRejected),
            PostsUnanswered = parts.Sum(p => p.PostsUnanswered),
            PostP50Ms = answers.Percentile(50) / 1000.0,
            PostP99Ms = answers.Percentile(99) / 1000.0,
            PostMaxMs = answers.Max / 1000.0,
            Expected = parts.Sum(p => p.Expected),
            Delivered = delivered,
            Lost = parts.Sum(p => p.Lost),
            OutOfOrder = parts.Sum(p => p.OutOfOrder),
            Inconsistent = parts.Any(p => p.Inconsistent < 0) ? -1 : open - (orders.Count > 0 ? orders.Values.Max() : 0),
            Drained = parts.All(p => p.Drained),
            DeliveredPerSecond = parts.Sum(p => p.DeliveredPerSecond),
            P50Ms = latencies.Percentile(50) / 1000.0,
            P99Ms = latencies.Percentile(99) / 1000.0,
            P999Ms = latencies.Percentile(99.9) / 1000.0,
            MaxMs = latencies.Max / 1000.0,
            ServerCpuMicrosPerLine = PerLine(lead.ServerCpuSeconds, delivered),
            ServerAllocatedBytesPerLine = delivered > 0 ? Math.Round(lead.ServerAllocatedBytesPerLine * lead.Delivered / delivered, 2) : 0,
            ClientCpuSeconds = Math.Round(clientCpu, 3),
            ClientCpuMicrosPerLine = PerLine(clientCpu, delivered),
            RampSeconds = parts.Max(p => p.RampSeconds),
            NodeDelivered = nodeDelivered,
            LatencyBuckets = latencies.ToBuckets(),
            PostBuckets = answers.ToBuckets(),
            OrderHashes = orders.OrderByDescending(o => o.Value).Take(HashesKept).ToDictionary(o => o.Key, o => o.Value),
            OpenReaders = open,
            LoginsRefused = parts.Sum(p => p.LoginsRefused),
            ReceivedBytes = parts.Sum(p => p.ReceivedBytes),
            BytesPerLine = PhaseResult.PerLine(parts.Sum(p => p.ReceivedBytes), delivered),
        };
    }

    private static LatencyHistogram Histogram(IEnumerable<(long[] Buckets, double MaxMs)> parts)
    {
        var merged = new LatencyHistogram();
        foreach (var (buckets, maxMs) in parts)
        {
            merged.Add(LatencyHistogram.FromBuckets(buckets, (long)Math.Round(maxMs * 1000)));
        }

        return merged;
    }

    private static double PerLine(double seconds, long lines) => lines > 0 ? Math.Round(seconds * 1e6 / lines, 3) : 0;
}
