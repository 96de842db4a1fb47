using System.Globalization;
using System.Runtime.InteropServices;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>
/// The operating system's settings that decide whether a run of many thousand connections over
/// loopback can work at all, read before it starts and printed with what to change when one is
/// too low: ephemeral ports per source address, listen backlogs, open files per process, memory,
/// and the connection tracking table when the kernel has one.
/// </summary>
internal static class OsLimits
{
    private const int ResourceOpenFiles = 7;

    /// <summary>A load of <paramref name="readers"/> over <paramref name="nodes"/> node and <paramref name="clients"/> client processes.</summary>
    public sealed record Load(int Readers, int Nodes, int Clients, int RampConcurrency);

    /// <summary>Prints every setting and its verdict; returns the warnings (empty when all are enough).</summary>
    public static List<string> Check(Load load)
    {
        RaiseOpenFiles();
        var warnings = new List<string>();
        var perClient = (load.Readers + load.Clients - 1) / load.Clients;
        var perNode = (load.Readers + load.Nodes - 1) / load.Nodes;

        // Each client process connects from a source address of its own, so its sockets need ports of that address only.
        var range = Read("/proc/sys/net/ipv4/ip_local_port_range")?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var ports = range is { Length: 2 } ? int.Parse(range[1], CultureInfo.InvariantCulture) - int.Parse(range[0], CultureInfo.InvariantCulture) + 1 : -1;
        Report(warnings, "net.ipv4.ip_local_port_range", range is null ? "?" : string.Join('-', range), ports < 0 || ports >= perClient + 1_000,
            $"{ports:N0} ports per source address, a client process needs {perClient:N0}: raise it (sysctl -w net.ipv4.ip_local_port_range=\"1024 65000\") or add --clients");

        var somaxconn = ReadNumber("/proc/sys/net/core/somaxconn");
        var connecting = load.Clients * load.RampConcurrency;
        Report(warnings, "net.core.somaxconn", somaxconn, somaxconn < 0 || somaxconn >= connecting,
            $"up to {connecting:N0} handshakes arrive at once: raise it (sysctl -w net.core.somaxconn=4096)");
        var synBacklog = ReadNumber("/proc/sys/net/ipv4/tcp_max_syn_backlog");
        Report(warnings, "net.ipv4.tcp_max_syn_backlog", synBacklog, synBacklog < 0 || synBacklog >= connecting,
            $"up to {connecting:N0} handshakes arrive at once: raise it (sysctl -w net.ipv4.tcp_max_syn_backlog=4096)");

        var (soft, hard) = OpenFiles();
        var needed = Math.Max(perClient, perNode) + 500;
        Report(warnings, "open files (ulimit -n soft/hard)", $"{soft}/{hard}", hard >= needed,
            $"a node holds {perNode:N0} readers and a client process {perClient:N0}; the hard limit {hard:N0} is too low: add --nodes and --clients, or raise the hard limit (limits.conf, LimitNOFILE=)");

        var conntrack = ReadNumber("/proc/sys/net/netfilter/nf_conntrack_max");
        if (conntrack >= 0)
        {
            Report(warnings, "net.netfilter.nf_conntrack_max", conntrack, conntrack >= load.Readers + 10_000,
                $"every loopback connection is tracked: raise it (sysctl -w net.netfilter.nf_conntrack_max={load.Readers * 2})");
        }

        // A reader costs a few KB in its node, a few in its client, and two sockets' buffers in the kernel.
        var availableKb = MemInfoKb("MemAvailable");
        var neededKb = (long)load.Readers * 24;
        Report(warnings, "memory available", availableKb < 0 ? "?" : $"{availableKb / 1024:N0} MB", availableKb < 0 || availableKb >= neededKb,
            $"about {neededKb / 1024:N0} MB are needed (24 KB per reader, both ends and the kernel): use fewer readers");
        return warnings;
    }

    private static void Report(List<string> warnings, string name, object value, bool enough, string advice)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {name} = {value}: {(enough ? "enough" : "TOO LOW, " + advice)}"));
        if (!enough)
        {
            warnings.Add($"{name} = {value}: {advice}");
        }
    }

    /// <summary>
    /// Raises this process's soft limit on open files to the hard one; the node, client and
    /// database processes started afterwards inherit it. The hard limit stays as the host set it.
    /// </summary>
    private static void RaiseOpenFiles()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var limit = default(ResourceLimit);
        if (GetResourceLimit(ResourceOpenFiles, ref limit) == 0 && limit.Soft < limit.Hard)
        {
            limit.Soft = limit.Hard;
            _ = SetResourceLimit(ResourceOpenFiles, ref limit);
        }
    }

    private static (long Soft, long Hard) OpenFiles()
    {
        var limit = default(ResourceLimit);
        return OperatingSystem.IsLinux() && GetResourceLimit(ResourceOpenFiles, ref limit) == 0 ? ((long)limit.Soft, (long)limit.Hard) : (-1, -1);
    }

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static long ReadNumber(string path) => long.TryParse(Read(path), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;

    private static long MemInfoKb(string field)
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal)) : null;
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Soft;
        public ulong Hard;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetResourceLimit(int resource, ref ResourceLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetResourceLimit(int resource, ref ResourceLimit limit);
}
