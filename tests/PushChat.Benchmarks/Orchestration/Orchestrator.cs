using System.Globalization;
using System.Text.Json;
using PushChat.Benchmarks.Serving;
using PushChat.LoadClient;
using PushChat.Testing;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>Runs a scenario: for each server, starts it in its own process, drives it with the load client, collects the results.</summary>
internal static class Orchestrator
{
    internal const string ServerAssembly = "PushChat.Benchmarks.dll";
    internal const string ClientAssembly = "PushChat.LoadClient.dll";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var report = new Report(options);
        var ok = options.Scenario switch
        {
            "fanout" => await FanOutAsync(options, report, options.Readers ?? 10_000, EachRate(options, 100, options.Size ?? 128), options.Seconds ?? 20).ConfigureAwait(false),
            "sweep" => await SweepAsync(options, report).ConfigureAwait(false),
            "slow" => await SlowAsync(options, report).ConfigureAwait(false),
            "idle" => await IdleAsync(options, report).ConfigureAwait(false),
            "short" => await ShortAsync(options, report).ConfigureAwait(false),
            "scaleout" => await ScaleOutScenario.RunAsync(options, report, smoke: false).ConfigureAwait(false),
            "nodes" => await NodesScenario.RunAsync(options, report, smoke: false).ConfigureAwait(false),
            "smoke" => await SmokeAsync(options, report).ConfigureAwait(false),
            _ => throw new ArgumentException($"Unknown scenario '{options.Scenario}' (fanout, sweep, slow, idle, short, scaleout, nodes, smoke)."),
        };

        var markdown = report.Render();
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.Save && options.Scenario != "smoke")
        {
            var path = options.Out ?? Path.Combine(ResultsDirectory(), options.Scenario + ".md");
            await File.WriteAllTextAsync(path, markdown).ConfigureAwait(false);
            Console.WriteLine($"Saved {path}");
        }

        return ok ? 0 : 1;
    }

    internal static string Phases(double rate, int size) => string.Create(CultureInfo.InvariantCulture, $"{rate}:{size}");

    private static string EachRate(BenchOptions options, double rate, int size) =>
        string.Join(",", (options.Rates ?? new[] { rate }).Select(r => Phases(r, size)));

    private static async Task<bool> FanOutAsync(BenchOptions options, Report report, int readers, string phases, double seconds, double slowFraction = 0)
    {
        var ok = true;
        foreach (var server in options.Servers)
        {
            var results = await RunClientAsync(options, server, new[]
            {
                "--readers", Invariant(readers), "--phases", phases, "--seconds", Invariant(seconds),
                "--drain", Invariant(options.Drain), "--slow-fraction", Invariant(slowFraction),
            }).ConfigureAwait(false);
            if (results is null)
            {
                ok = false;
                continue;
            }

            foreach (var line in results.Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)))
            {
                report.Add(server, JsonSerializer.Deserialize<PhaseResult>(line.AsSpan(7))!);
            }
        }

        return ok;
    }

    private static async Task<bool> SweepAsync(BenchOptions options, Report report)
    {
        int[] readers = options.Readers is { } only ? new[] { only } : options.Quick ? new[] { 1_000, 10_000, 19_000 } : new[] { 1_000, 5_000, 10_000, 19_000 };

        // Ordered by bytes per second, so the first phase a server cannot keep up with ends its run.
        var phases = options.Quick ? "2:128,100:128,200:128" : "1:128,1:1024,10:128,10:1024,100:128,200:128,100:1024,200:1024";
        var seconds = options.Seconds ?? (options.Quick ? 10 : 10);
        var ok = true;
        foreach (var n in readers)
        {
            ok &= await FanOutAsync(options, report, n, phases, seconds).ConfigureAwait(false);
        }

        return ok;
    }

    private static Task<bool> SlowAsync(BenchOptions options, Report report) =>
        FanOutAsync(options, report, options.Readers ?? 5_000, Phases(options.Rate ?? 200, options.Size ?? 1024), options.Seconds ?? 20, options.SlowFraction);

    private static async Task<bool> SmokeAsync(BenchOptions options, Report report)
    {
        var ok = await FanOutAsync(options, report, options.Readers ?? 300, Phases(options.Rate ?? 50, options.Size ?? 128), options.Seconds ?? 2).ConfigureAwait(false);
        var complete = report.Phases.Count == options.Servers.Count
            && report.Phases.All(p => Complete(p.Result));
        if (!ThrowawayPostgres.IsInstalled || !options.Servers.Any(ServerKinds.IsPushChat))
        {
            Console.WriteLine("# the scale-out smoke (two nodes over PostgreSQL) is skipped: PostgreSQL is not installed or no PushChat server was named");
        }
        else
        {
            ok &= await ScaleOutScenario.RunAsync(options, report, smoke: true).ConfigureAwait(false);
            complete &= report.ScaleOut.Count == 1 && report.ScaleOut.All(p => Complete(p.Result));
            if (options.Servers.Contains("pushchat"))
            {
                ok &= await NodesScenario.RunAsync(options, report, smoke: true).ConfigureAwait(false);
                complete &= report.Nodes.Count == 1 && report.Nodes.All(n => Complete(n.Merged));
            }
        }

        Console.WriteLine(ok && complete
            ? "SMOKE OK: every post answered, every line reached every reader, in the same order."
            : "SMOKE FAILED: a run did not complete, a post went unanswered, or lines were lost or reordered.");
        return ok && complete;
    }

    private static bool Complete(PhaseResult r) => r.Lost == 0 && r.OutOfOrder == 0 && r.Inconsistent == 0 && r.Delivered == r.Expected
        && r.PostsRejected == 0 && r.PostsUnanswered == 0;

    private static async Task<bool> IdleAsync(BenchOptions options, Report report)
    {
        var ok = true;
        foreach (var server in options.Servers)
        {
            var results = await RunClientAsync(options, server, new[]
            {
                // One speaker (for the sync line): memory per connection counts stream connections.
                "--readers", Invariant(options.Readers ?? 10_000), "--idle", Invariant(options.Seconds ?? 60), "--speakers", "1",
            }).ConfigureAwait(false);
            var line = results?.FirstOrDefault(l => l.StartsWith("IDLE ", StringComparison.Ordinal));
            if (line is null)
            {
                ok = false;
                continue;
            }

            report.Add(server, JsonSerializer.Deserialize<IdleResult>(line.AsSpan(5))!);
        }

        return ok;
    }

    private static async Task<bool> ShortAsync(BenchOptions options, Report report)
    {
        var seconds = (int)(options.Seconds ?? 10);
        foreach (var server in options.Servers)
        {
            using var process = StartServer(options, server);
            var (port, _) = await ReadyAsync(process).ConfigureAwait(false);
            var (sessionId, cookie) = ServerKinds.IsPushChat(server) ? await ShortRequests.LoginAsync(port).ConfigureAwait(false) : ("none", null);
            foreach (var path in new[] { "/", "/names?sid=" + sessionId })
            {
                var result = await ShortRequests.RunWrkAsync(port, path, seconds, cookie).ConfigureAwait(false);
                if (result is null)
                {
                    await process.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                    return false;
                }

                report.Add(server, path.Split('?')[0], result.Value.RequestsPerSecond, result.Value.P99Ms);
            }

            await process.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Starts the server, runs the client against it, returns the client's output lines (null on failure).</summary>
    private static async Task<List<string>?> RunClientAsync(BenchOptions options, string server, IEnumerable<string> clientArgs)
    {
        Console.WriteLine($"== {server}: {string.Join(' ', clientArgs)}");
        var template = ServerKinds.IsSameBytesCeiling(server) ? await SameBytesTemplate.CaptureAsync(server, clientArgs.ToList(), options.Speakers, options.History).ConfigureAwait(false) : null;
        using var serverProcess = StartServer(options, server, template: template?.ToString());
        var (port, controlPort) = await ReadyAsync(serverProcess).ConfigureAwait(false);
        var args = new List<string>
        {
            "--transport", ServerKinds.Transport(server),
            "--server", "127.0.0.1:" + Invariant(port), "--control", "127.0.0.1:" + Invariant(controlPort),
        };
        args.AddRange(clientArgs);
        if (ServerKinds.IsTls(server))
        {
            args.AddRange(new[] { "--tls-thumbprint", BenchCertificate.Shared.Thumbprint });
        }

        if (options.Speakers is { } speakers)
        {
            args.AddRange(new[] { "--speakers", Invariant(speakers) });
        }

        if (options.ReaderThreads is { } readerThreads)
        {
            args.AddRange(new[] { "--reader-threads", Invariant(readerThreads) });
        }

        using var client = ChildProcess.Start(ClientAssembly, args);
        var lines = new List<string>();
        while (await client.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lines.Add(line);
            Console.WriteLine("  " + line);
        }

        var exit = await client.WaitForExitAsync().ConfigureAwait(false);
        await serverProcess.StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        return exit == 0 ? lines : null;
    }

    internal static ChildProcess StartServer(BenchOptions options, string server, string? backplane = null, string? template = null) => ChildProcess.Start(ServerAssembly, new[]
    {
        "--serve", server, "--history", Invariant(options.History), "--queue-bytes", Invariant(options.QueueBytes),
    }.Concat(backplane is null ? Array.Empty<string>() : new[] { "--backplane", backplane })
        .Concat(ServerKinds.IsTls(server) ? new[] { "--certificate", BenchCertificate.Shared.Path } : Array.Empty<string>())
        .Concat(template is null ? Array.Empty<string>() : new[] { "--template", template })
        .Concat(options.StreamOpenTimeout is { } timeout ? new[] { "--stream-open-timeout", Invariant(timeout) } : Array.Empty<string>()),
        GcProfiles.Environment(options.Gc));

    internal static async Task<(int Port, int ControlPort)> ReadyAsync(ChildProcess server)
    {
        while (await server.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                return (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException("The server process ended before it was ready.");
    }

    private static string ResultsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PushChat.Benchmarks.csproj")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "results")).FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    internal static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
