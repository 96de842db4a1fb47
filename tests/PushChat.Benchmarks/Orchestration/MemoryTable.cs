using System.Globalization;
using System.Text;
using PushChat.LoadClient;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>
/// The fan-out phases' memory per reader, as the OS reports it while lines flow (the target is stated
/// that way: the server's largest RSS during the phase ÷ its readers), beside the collector's own figures.
/// </summary>
internal static class MemoryTable
{
    public static void Render(StringBuilder md, IEnumerable<(string Server, PhaseResult Result)> phases, string gc)
    {
        md.AppendLine("Memory under load:");
        md.AppendLine();
        md.AppendLine("| readers | posts/s | line B | server | GC | RSS before readers MB | RSS max MB | RSS max KB/reader | RSS growth KB/reader | managed at end KB/reader | GC committed at end KB/reader | GCs gen 0/1/2 |");
        md.AppendLine("|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (server, r) in phases)
        {
            var readers = Math.Max(1, r.Readers + r.SlowReaders);
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {readers:N0} | {r.Rate:G} | {r.Size} | {server} | {gc} | {r.ServerRssBeforeReadersKb / 1024.0:F0} | {r.ServerRssMaxKb / 1024.0:F0} | {r.ServerRssMaxKb / (double)readers:F2} | {(r.ServerRssMaxKb - r.ServerRssBeforeReadersKb) / (double)readers:F2} | {r.ServerManagedEndBytes / 1024.0 / readers:F2} | {r.ServerCommittedEndBytes / 1024.0 / readers:F2} | {r.ServerGcCount:N0}/{r.ServerGen1Count:N0}/{r.ServerGen2Count:N0} |"));
        }

        md.AppendLine();
        md.AppendLine("`GC`: the server processes' collector settings (`--gc`; `default` is the program's runtimeconfig.json: workstation, concurrent). RSS is sampled");
        md.AppendLine("twice a second during the phase; `RSS growth` is the largest RSS minus the RSS before any reader connected, ÷ readers (what the readers cost, without");
        md.AppendLine("the process's own); `GC committed` is `GCMemoryInfo.TotalCommittedBytes` as of the last collection.");
        md.AppendLine();
    }
}
