using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PushChat.Benchmarks.Serving;
using PushChat.LoadClient;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>Collects a scenario's results and renders them as markdown, PushChat as ratios to both baselines.</summary>
internal sealed class Report
{
    private readonly BenchOptions _options;

    public Report(BenchOptions options) => _options = options;

    public List<(string Server, PhaseResult Result)> Phases { get; } = new();

    public List<(string Server, IdleResult Result)> Idle { get; } = new();

    public List<(string Server, string Path, double RequestsPerSecond, double P99Ms)> Short { get; } = new();

    /// <summary>The scale-out scenario's runs, in the order they ran.</summary>
    public List<(string Run, string Server, PhaseResult Result)> ScaleOut { get; } = new();

    /// <summary>The nodes scenario's runs (many readers over several node and client processes).</summary>
    public List<NodesRun> Nodes { get; } = new();

    public void Add(string server, PhaseResult result) => Phases.Add((server, result));

    public void AddScaleOut(string run, string server, PhaseResult result) => ScaleOut.Add((run, server, result));

    public void Add(string server, IdleResult result) => Idle.Add((server, result));

    public void Add(string server, string path, double requestsPerSecond, double p99Ms) => Short.Add((server, path, requestsPerSecond, p99Ms));

    public string Render()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# PushChat benchmark: {_options.Scenario}");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine("dotnet run -c Release --project tests/PushChat.Benchmarks -- " + string.Join(' ', _options.Arguments));
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine()}; {RuntimeInformation.FrameworkDescription}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        md.AppendLine("Servers: `pushchat` = PushChat forever frame (GET /chat); `pushchat-sse` = PushChat Server-Sent Events (GET /events, JSON items);");
        md.AppendLine("`pushchat-ws` = PushChat WebSocket (GET /ws, a JSON item per text frame); `raw` = raw-socket ceiling (plain `Socket`, coalesced writes, no HTTP);");
        md.AppendLine("`raw-frame`, `raw-sse`, `raw-ws` = the same ceiling sending PushChat's own bytes per line for that reader format (taken from PushChat at the run's start, read by the");
        md.AppendLine("same decoder as the PushChat transport; a line's sequence, cursor, time and speaker keep the values they had when taken, the speaker's name the middle speaker's length);");
        md.AppendLine("`kestrel` = idiomatic ASP.NET Core SSE chat (Channel per reader, write + flush per line). Same load client process for all; every PushChat");
        md.AppendLine("transport is the same server, its posts the same `POST /say`, only its readers' stream differs; the chat frame does not renew itself");
        md.AppendLine("(`ChatFrameRenewAfterItems` = 0: the client reads one response per reader and follows no refresh). A `-tls` server is its plain twin over TLS:");
        md.AppendLine("PushChat's own (`ChatServerOptions.Certificate`), Kestrel's `UseHttps`; one self-signed ECDSA P-256 certificate made for the run, pinned by the client,");
        md.AppendLine("TLS 1.3, HTTP/1.1; the TLS rows' Kestrel ratios are to `kestrel-tls`.");
        md.AppendLine();
        if (Phases.Count > 0)
        {
            RenderPhases(md);
            MemoryTable.Render(md, Ordered(), _options.Gc);
        }

        if (ScaleOut.Count > 0)
        {
            ScaleOutTable.Render(md, ScaleOut, _options.StreamOpenTimeout);
        }

        if (Nodes.Count > 0)
        {
            NodesTable.Render(md, Nodes);
        }

        if (Idle.Count > 0)
        {
            RenderIdle(md);
        }

        if (Short.Count > 0)
        {
            RenderShort(md);
        }

        return md.ToString();
    }

    private void RenderPhases(StringBuilder md)
    {
        md.AppendLine("| readers | posts/s | line B | server | bytes/line | delivered lines/s | lost | order | p50 ms | p99 ms | p99.9 ms | POST p50 ms | POST p99 ms | server CPU µs/line | client CPU µs/line | server pool queue max | server GCs gen 0/1/2 | server GC pause ms | server B alloc/line | server RSS start→max MB | slow dropped |");
        md.AppendLine("|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (server, r) in Ordered())
        {
            var slow = r.SlowReaders > 0 ? $"{r.DroppedSlowReaders}/{r.SlowReaders}" : "–";
            md.AppendLine(Invariant($"| {r.Readers + r.SlowReaders:N0} | {r.Rate:G} | {r.Size} | {server} | {r.BytesPerLine:F1} | {r.DeliveredPerSecond:N0} | {Lost(r)} | {Order(r)} | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.P999Ms:F1} | {Post(r, r.PostP50Ms)} | {Post(r, r.PostP99Ms)} | {r.ServerCpuMicrosPerLine:F2} | {r.ClientCpuMicrosPerLine:F2} | {r.ServerPoolPendingMax:N0} | {r.ServerGcCount:N0}/{r.ServerGen1Count:N0}/{r.ServerGen2Count:N0} | {r.ServerGcPauseMs:N0} | {r.ServerAllocatedBytesPerLine:F2} | {r.ServerRssStartKb / 1024.0:F0}→{r.ServerRssMaxKb / 1024.0:F0} | {slow} |"));
        }

        md.AppendLine();
        md.AppendLine("PushChat as a ratio to each baseline (p99 and CPU: lower is better; delivered: higher is better):");
        md.AppendLine();
        md.AppendLine("| readers | posts/s | line B | server | p99 ÷ raw | p99 ÷ raw, same bytes | p99 ÷ Kestrel | POST p99 ÷ raw | POST p99 ÷ Kestrel | CPU/line ÷ raw | CPU/line ÷ raw, same bytes | CPU/line ÷ Kestrel | delivered ÷ raw | delivered ÷ Kestrel |");
        md.AppendLine("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (server, p) in Ordered().Where(x => ServerKinds.IsPushChat(x.Server)))
        {
            var raw = Find("raw", p);
            var kestrel = Find(ServerKinds.IsTls(server) ? "kestrel-tls" : "kestrel", p);
            var same = ServerKinds.SameBytesCeiling(server) is { } ceiling ? Find(ceiling, p) : null;
            md.AppendLine(Invariant($"| {p.Readers + p.SlowReaders:N0} | {p.Rate:G} | {p.Size} | {server} | {Ratio(p.P99Ms, raw?.P99Ms)} | {Ratio(p.P99Ms, same?.P99Ms)} | {Ratio(p.P99Ms, kestrel?.P99Ms)} | {Ratio(p.PostP99Ms, raw?.PostP99Ms)} | {Ratio(p.PostP99Ms, kestrel?.PostP99Ms)} | {Ratio(p.ServerCpuMicrosPerLine, raw?.ServerCpuMicrosPerLine)} | {Ratio(p.ServerCpuMicrosPerLine, same?.ServerCpuMicrosPerLine)} | {Ratio(p.ServerCpuMicrosPerLine, kestrel?.ServerCpuMicrosPerLine)} | {Ratio(p.DeliveredPerSecond, raw?.DeliveredPerSecond)} | {Ratio(p.DeliveredPerSecond, kestrel?.DeliveredPerSecond)} |"));
        }

        RenderTlsCost(md);
        var speakers = Phases.Count > 0 ? Phases[0].Result.Speakers : 0;
        md.AppendLine();
        md.AppendLine("`bytes/line` = stream bytes the readers received over the phase (after their response heads, framing included) ÷ lines delivered.");
        md.AppendLine("`raw, same bytes` = the ceiling sending the PushChat transport's own bytes per line (`raw-frame`, `raw-sse`, `raw-ws`).");
        md.AppendLine("Latency is measured from each post's scheduled send time (open loop) to its arrival at each reader; `POST` is the same from the scheduled time to the");
        md.AppendLine(Invariant($"post's answer. Posts are spoken round-robin by {speakers} speakers, each on its own keep-alive connection, one request at a time as a browser's"));
        md.AppendLine("talk form sends them (PushChat: `POST /say` as one of the readers' sessions, answered 303; Kestrel: `POST /say`, 204; raw: a `PUB` line, answered `+`).");
        md.AppendLine("Every reader is its own session on PushChat. Readers are read through epoll as soon as bytes arrive, as a browser would; `client CPU` is the load");
        md.AppendLine("client's own CPU per delivered line (it shares the machine). `server pool queue max` is the server's thread-pool backlog, sampled twice a second;");
        md.AppendLine("`server GC pause` is the time the server's garbage collector paused it during the phase, `server GCs` the collections of each generation it ran");
        md.AppendLine("(a gen 1 count includes the gen 2 ones), and `server B alloc/line` the managed bytes the server process allocated over the phase (all threads,");
        md.AppendLine("`GC.GetTotalAllocatedBytes`) divided by the lines it delivered.");
        md.AppendLine("Measurement starts after the ramp-up is drained (PushChat announces every join to everyone; a sync line is posted and every reader must receive it");
        md.AppendLine("first). `lost` counts lines not delivered within the drain time; `(behind)` marks a run still draining when it was cut off. `order`: `ok` when every");
        md.AppendLine("speaker's lines arrived in its order at every reader and every reader got all lines in the same order. A missing row means the server fell behind in an");
        md.AppendLine("easier phase first.");
        md.AppendLine();
    }

    /// <summary>Each TLS server's cost beside its plain twin's in the same run: what TLS adds per line.</summary>
    private void RenderTlsCost(StringBuilder md)
    {
        var rows = Ordered().Where(x => ServerKinds.IsTls(x.Server))
            .Select(x => (x.Server, Tls: x.Result, Plain: Find(ServerKinds.PlainTwin(x.Server), x.Result)))
            .Where(x => x.Plain is not null)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine("Over TLS ÷ plain, same run (server CPU per line; delivered; p99): " + string.Join("; ", rows.Select(x => Invariant(
            $"`{x.Server}` {Ratio(x.Tls.ServerCpuMicrosPerLine, x.Plain!.ServerCpuMicrosPerLine)} CPU/line, {Ratio(x.Tls.DeliveredPerSecond, x.Plain.DeliveredPerSecond)} delivered, {Ratio(x.Tls.P99Ms, x.Plain.P99Ms)} p99 at {x.Tls.Readers + x.Tls.SlowReaders:N0} × {x.Tls.Rate:G}/s"))) + ".");
    }

    private void RenderIdle(StringBuilder md)
    {
        md.AppendLine("| server | GC | readers | RSS held MB | RSS held B/reader | RSS growth B/reader | managed growth B/reader | GC committed growth B/reader | RSS growth B/reader, forced GC | managed B/reader, forced GC | idle CPU % of a core | ramp-up s |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (server, r) in Idle)
        {
            md.AppendLine(Invariant($"| {server} | {_options.Gc} | {r.Readers:N0} | {r.RssHeldKb / 1024.0:F1} | {r.HeldRssBytesPerReader:N0} | {r.HeldRssGrowthBytesPerReader:N0} | {r.HeldManagedGrowthBytesPerReader:N0} | {r.HeldCommittedGrowthBytesPerReader:N0} | {r.RssBytesPerConnection:N0} | {r.ManagedBytesPerConnection:N0} | {r.IdleCpuPercent:F2} | {r.RampSeconds:F1} |"));
        }

        var raw = Idle.FirstOrDefault(i => i.Server == "raw").Result;
        var kestrel = Idle.FirstOrDefault(i => i.Server == "kestrel").Result;
        md.AppendLine();
        foreach (var (server, push) in Idle.Where(i => ServerKinds.IsPushChat(i.Server)))
        {
            md.AppendLine(Invariant($"- `{server}` RSS per connection: {Ratio(push.RssBytesPerConnection, raw?.RssBytesPerConnection)} of raw, {Ratio(push.RssBytesPerConnection, kestrel?.RssBytesPerConnection)} of Kestrel; managed: {Ratio(push.ManagedBytesPerConnection, raw?.ManagedBytesPerConnection)} of raw, {Ratio(push.ManagedBytesPerConnection, kestrel?.ManagedBytesPerConnection)} of Kestrel."));
        }

        md.AppendLine();
        md.AppendLine("Held: the server as it runs, at the end of the idle hold with every reader connected, nothing collected by force (`held B/reader`: its whole RSS ÷ readers;");
        md.AppendLine("`growth`: minus the same before the ramp, ÷ readers; GC committed: `GCMemoryInfo.TotalCommittedBytes` as of the last collection). The `forced GC` columns are");
        md.AppendLine("the same growth after a full compacting collection the control port forces after the held figures are read.");
        md.AppendLine();
    }

    private void RenderShort(StringBuilder md)
    {
        md.AppendLine("| server | path | requests/s | p99 ms | ÷ raw | ÷ Kestrel |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var (server, path, rps, p99) in Short)
        {
            var raw = Short.FirstOrDefault(s => s.Server == "raw" && s.Path == path).RequestsPerSecond;
            var kestrel = Short.FirstOrDefault(s => s.Server == "kestrel" && s.Path == path).RequestsPerSecond;
            md.AppendLine(Invariant($"| {server} | {path} | {rps:N0} | {p99:F2} | {Ratio(rps, raw)} | {Ratio(rps, kestrel)} |"));
        }

        md.AppendLine();
        md.AppendLine("wrk -t2 -c64 --latency on the same machine (wrk shares the 2 cores). `/names` needs a session on PushChat; the baselines serve a static page of similar size; the raw ceiling answers every GET with one fixed response.");
        md.AppendLine();
    }

    private IEnumerable<(string Server, PhaseResult Result)> Ordered() => Phases
        .OrderBy(p => p.Result.Readers + p.Result.SlowReaders).ThenBy(p => p.Result.Rate * p.Result.Size).ThenBy(p => p.Result.Rate)
        .ThenBy(p => ServerKinds.Order(p.Server));

    private PhaseResult? Find(string server, PhaseResult like) => Phases
        .Where(p => p.Server == server && p.Result.Readers == like.Readers && p.Result.Rate.Equals(like.Rate) && p.Result.Size == like.Size)
        .Select(p => p.Result).FirstOrDefault();

    private static string Order(PhaseResult r) => r.OutOfOrder > 0
        ? Invariant($"{r.OutOfOrder:N0} reordered")
        : r.Inconsistent > 0 ? Invariant($"{r.Inconsistent:N0} readers differ") : r.Inconsistent == 0 ? "ok" : "–";

    private static string Post(PhaseResult r, double ms) => r.PostsUnanswered > 0 ? Invariant($"{r.PostsUnanswered:N0} unanswered") : Invariant($"{ms:F1}");

    private static string Lost(PhaseResult r) => r.Lost == 0 ? "0" : Invariant($"{r.Lost:N0}{(r.Drained ? string.Empty : " (behind)")}");

    private static string Ratio(double value, double? baseline) =>
        baseline is { } b && b > 0 ? (value / b).ToString("F2", CultureInfo.InvariantCulture) + "×" : "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }

        return $"{Environment.ProcessorCount} cores ({cpu}), {RuntimeInformation.OSDescription}";
    }
}
