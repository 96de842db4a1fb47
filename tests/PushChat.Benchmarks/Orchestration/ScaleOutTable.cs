using System.Globalization;
using System.Text;
using PushChat.LoadClient;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>
/// Renders the scale-out scenario's runs side by side: what the chat delivered, how long lines
/// and answers took, and what each node process and the database spent per delivered line.
/// </summary>
internal static class ScaleOutTable
{
    public static void Render(StringBuilder md, IReadOnlyList<(string Run, string Server, PhaseResult Result)> runs, double? streamOpenTimeout)
    {
        md.AppendLine("| run | server | readers | posts/s | line B | delivered lines/s | lost | posts refused | order | p50 ms | p99 ms | POST p50 ms | POST p99 ms | node CPU µs/line (each node) | database CPU s | database CPU µs/line | database CPU µs/post | node + its share of the database µs/line (each node) | client CPU µs/line | ramp-up s |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (run, server, r) in runs)
        {
            var database = r.DatabaseCpuSeconds >= 0;
            md.AppendLine(Invariant($"| {run} | {server} | {r.Readers:N0} | {r.Rate:G} | {r.Size} | {r.DeliveredPerSecond:N0} | {Lost(r)} | {Refused(r)} | {Order(r)} | {r.P50Ms:F1} | {r.P99Ms:F1} | {Post(r, r.PostP50Ms)} | {Post(r, r.PostP99Ms)} | {EachNode(r, 0)} | {(database ? r.DatabaseCpuSeconds.ToString("F2", CultureInfo.InvariantCulture) : "–")} | {(database ? PerLine(r.DatabaseCpuSeconds, r.Delivered) : "–")} | {(database ? PerLine(r.DatabaseCpuSeconds, r.Posts) : "–")} | {(database ? EachNode(r, r.DatabaseCpuSeconds / r.Nodes) : "–")} | {r.ClientCpuMicrosPerLine:F2} | {r.RampSeconds:F1} |"));
        }

        md.AppendLine();
        md.AppendLine("`1 node` is a PushChat server on its own (no backplane); `+ PostgreSQL` runs share the chat through `PostgresChatBackplane` and keep the accounts in");
        md.AppendLine("`PostgresUserStore`, each run on a fresh database of a throwaway PostgreSQL server started for the scenario (fsync off, defaults otherwise). With two");
        md.AppendLine("nodes, reader i subscribes to node i mod 2 and speaker i posts through node i mod 2 (as its own reader's session), so each node serves half the");
        md.AppendLine("readers and appends half the posts, and every post reaches the other node's readers only through the database. `node CPU µs/line` is each node");
        md.AppendLine("process's CPU over the phase divided by the lines its own readers received; `database CPU` is the CPU of the database server's whole process tree");
        md.AppendLine("(its main process, every backend and background worker, and children that ended), read from `/proc`, per delivered line and per post;");
        md.AppendLine("`node + its share of the database` adds 1/nodes of the database's CPU to each node's. Latencies as in the fan-out tables: from each post's");
        md.AppendLine("scheduled time (open loop) to its arrival at each reader (`p50`, `p99`) and to its answer (`POST`); `POST /say` is answered once the node has");
        md.AppendLine("applied its own change, after the database committed it. `lost` must be 0; `order`: `ok` when every reader, on either node, got every line in");
        md.AppendLine("the same order. `posts refused`: posts answered with an error (its status), whose lines no reader gets. Measuring starts once every node");
        md.AppendLine("counts every reader in the chat (a node applies a user's join only when the stream's opening came back through the database), or the reader's");
        md.AppendLine("stream was closed; `ramp-up s` includes that wait.");
        if (streamOpenTimeout is { } timeout)
        {
            md.AppendLine();
            md.AppendLine(Invariant($"`StreamOpenTimeout` was raised to {timeout:G} s (default 15 s) on every node of this run, so that sessions whose stream's opening was still on its"));
            md.AppendLine("way through the backplane when the default ran out are not removed: the rows show the steady state past that (see the README).");
        }

        md.AppendLine();
    }

    private static string EachNode(PhaseResult r, double extraSeconds)
    {
        var cells = new List<string>();
        for (var i = 0; i < r.NodeCpuSeconds.Length && i < r.NodeDelivered.Length; i++)
        {
            cells.Add(PerLine(r.NodeCpuSeconds[i] + extraSeconds, r.NodeDelivered[i]));
        }

        return cells.Count > 0 ? string.Join(" / ", cells) : "–";
    }

    private static string PerLine(double seconds, long count) =>
        count > 0 ? (seconds * 1e6 / count).ToString("F2", CultureInfo.InvariantCulture) : "–";

    private static string Order(PhaseResult r) => r.OutOfOrder > 0
        ? Invariant($"{r.OutOfOrder:N0} reordered")
        : r.Inconsistent > 0 ? Invariant($"{r.Inconsistent:N0} readers differ") : r.Inconsistent == 0 ? "ok" : "–";

    private static string Post(PhaseResult r, double ms) => r.PostsUnanswered > 0 ? Invariant($"{r.PostsUnanswered:N0} unanswered") : Invariant($"{ms:F1}");

    private static string Refused(PhaseResult r) => r.PostsRejected == 0 ? "0" : Invariant($"{r.PostsRejected:N0} ({r.RefusedStatus})");

    private static string Lost(PhaseResult r) => r.Lost == 0 ? "0" : Invariant($"{r.Lost:N0}{(r.Drained ? string.Empty : " (behind)")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
