using System.Globalization;
using System.Text;
using PushChat.LoadClient;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>
/// Renders the nodes scenario: the whole chat on one row (delivery, answers to the speakers and
/// to the prober's fresh guests, memory per reader, the database's and the clients' CPU, the
/// ramp), then each node on its own row, so that an uneven share or a node that fell behind shows.
/// </summary>
internal static class NodesTable
{
    public static void Render(StringBuilder md, IReadOnlyList<NodesRun> runs)
    {
        md.AppendLine("| run | readers | posts/s | s | delivered | lost | order | p50 ms | p99 ms | max ms | `/say` p50 / p99 ms | fresh login p50 / p99 ms | fresh guest's post p50 / p99 ms (statuses) | nodes' RSS MB | RSS per reader KB | nodes' CPU s | database CPU s (% of a core) | clients' CPU s (each) | connect s | logins answered 503 (sent again) | ramp-up s | ramp-up CPU s: nodes / database (ms per login, all nodes) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var r = run.Merged;
            var rssKb = r.NodeRssKb.Sum();
            var probe = r.Probe;
            md.AppendLine(Invariant($"| {run.Name} | {r.Readers:N0} | {r.Rate:G} | {r.Seconds:F1} | {r.Delivered:N0} of {r.Expected:N0} | {r.Lost:N0} | {Order(r)} | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.MaxMs:F1} | {Pair(r.PostP50Ms, r.PostP99Ms)} | {(probe is null ? "–" : Pair(probe.LoginP50Ms, probe.LoginP99Ms) + Failed(probe))} | {(probe is null ? "–" : Pair(probe.PostP50Ms, probe.PostP99Ms) + " (" + Statuses(probe) + ")")} | {rssKb / 1024.0:N0} | {PerReader(rssKb, r.Readers)} | {r.NodeCpuSeconds.Sum():F1} | {Database(r)} | {run.ClientCpuSeconds.Sum():F1} ({string.Join(" / ", run.ClientCpuSeconds.Select(c => c.ToString("F1", CultureInfo.InvariantCulture)))}) | {run.ConnectSeconds:F1} | {r.LoginsRefused:N0} | {r.RampSeconds:F1} | {RampCpu(r)} |"));
        }

        md.AppendLine();
        md.AppendLine("| run | node | readers | lines delivered | RSS MB | RSS per reader KB | CPU s | CPU µs/line |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var r = run.Merged;
            for (var i = 0; i < run.ReadersPerNode.Length; i++)
            {
                var rss = i < r.NodeRssKb.Length ? r.NodeRssKb[i] : 0;
                var cpu = i < r.NodeCpuSeconds.Length ? r.NodeCpuSeconds[i] : 0;
                var delivered = i < r.NodeDelivered.Length ? r.NodeDelivered[i] : 0;
                md.AppendLine(Invariant($"| {run.Name} | {i} | {run.ReadersPerNode[i]:N0} | {delivered:N0} | {rss / 1024.0:N0} | {PerReader(rss, run.ReadersPerNode[i])} | {cpu:F2} | {(delivered > 0 ? cpu * 1e6 / delivered : 0):F2} |"));
            }
        }

        md.AppendLine();
        md.AppendLine("One chat on N node processes (`--serve pushchat` with `PostgresChatBackplane`, one throwaway PostgreSQL server, fsync off) and C");
        md.AppendLine("load-client processes, each connecting from a loopback address of its own (127.0.1.k) with an equal share of the readers, reader i of");
        md.AppendLine("each client on node i mod N; each reader is a guest session of its own reading the forever frame. One client posts open-loop through");
        md.AppendLine("one speaker per node in turn (`/say` = its answers); the others only read; all start each phase together. Counts are summed over the");
        md.AppendLine("clients and latencies merged bucket by bucket; `order` is `ok` when every reader of every client got every line in the same order.");
        md.AppendLine("A prober logs a fresh guest in every 0.5 s on each node in turn and posts once as it on the same connection (a guest that has opened");
        md.AppendLine("no stream has not joined: the node answers 409 once it has caught up with the database). Memory: each node's RSS at the phase's end, as");
        md.AppendLine("the OS reports it, divided by the node's readers. CPU over the measured phase; `connect s`: from starting the clients until every");
        md.AppendLine("reader of every client was subscribed; `ramp-up s`: until the first sync line had reached them all and every node counted every reader in.");
        foreach (var warning in runs.SelectMany(r => r.Warnings).Distinct())
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Setting too low for this run: {warning}.");
        }

        md.AppendLine();
    }

    private static string RampCpu(PhaseResult r) => r.RampNodeCpuSeconds < 0 ? "–"
        : Invariant($"{r.RampNodeCpuSeconds:F1} / {Math.Max(r.RampDatabaseCpuSeconds, 0):F1} ({r.RampNodeCpuSeconds * 1000 / Math.Max(r.Readers, 1):F2})");

    private static string Pair(double p50, double p99) => Invariant($"{p50:F1} / {p99:F1}");

    private static string Failed(ProbeResult probe) => probe.LoginsFailed > 0 ? Invariant($" ({probe.LoginsFailed} failed)") : string.Empty;

    private static string Statuses(ProbeResult probe) => string.Join(", ", probe.PostStatuses.OrderBy(s => s.Key).Select(s => Invariant($"{s.Value}× {s.Key}")));

    private static string PerReader(long rssKb, long readers) => readers > 0 ? (rssKb / (double)readers).ToString("F1", CultureInfo.InvariantCulture) : "–";

    private static string Database(PhaseResult r) => r.DatabaseCpuSeconds < 0 ? "–" : Invariant($"{r.DatabaseCpuSeconds:F2} ({r.DatabaseCpuSeconds * 100 / Math.Max(r.Seconds, 0.001):F0} %)");

    private static string Order(PhaseResult r) => r.OutOfOrder > 0
        ? Invariant($"{r.OutOfOrder:N0} reordered")
        : r.Inconsistent > 0 ? Invariant($"{r.Inconsistent:N0} readers differ") : r.Inconsistent == 0 ? "ok" : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
