using System.Text.Json;
using PushChat.Benchmarks.Serving;
using PushChat.LoadClient;
using PushChat.Testing;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>
/// The scale-out scenario: the same load, in one run, on one PushChat server on its own, on one
/// node sharing its chat through PostgreSQL, and on two nodes sharing one database with the
/// readers split evenly and the posts spoken through both. The database is a throwaway server of
/// the scenario's own (a fresh database per run), and its CPU is measured with the nodes'.
/// </summary>
internal static class ScaleOutScenario
{
    /// <summary>One run of the scenario: how many nodes, and whether they share the chat through PostgreSQL.</summary>
    private sealed record Layout(string Name, int Nodes, bool Shared);

    public static async Task<bool> RunAsync(BenchOptions options, Report report, bool smoke)
    {
        // The smoke checks that the shared chat delivers everything; the full scenario compares.
        Layout[] layouts = smoke
            ? [new("2 nodes + PostgreSQL", 2, true)]
            : [new("1 node", 1, false), new("1 node + PostgreSQL", 1, true), new("2 nodes + PostgreSQL", 2, true)];
        var server = options.Servers.FirstOrDefault(ServerKinds.IsPushChat)
            ?? throw new ArgumentException("The scale-out scenario runs PushChat: name one of its transports in --servers.");
        var readers = options.Readers ?? (smoke ? 200 : 2_000);
        var phases = Orchestrator.Phases(options.Rate ?? (smoke ? 50 : 20), options.Size ?? 128);
        var seconds = options.Seconds ?? (smoke ? 2 : 15);

        // The defaults of a packaged server, but for durability (off) and room for the nodes' connections.
        using var database = ThrowawayPostgres.Start("max_connections=200");
        var ok = true;
        foreach (var layout in layouts)
        {
            var connectionString = layout.Shared ? database.CreateDatabase("chat") : null;
            var results = await RunClientAsync(options, server, layout, connectionString, layout.Shared ? database.Pid : 0, new[]
            {
                "--readers", Orchestrator.Invariant(readers), "--phases", phases, "--seconds", Orchestrator.Invariant(seconds),
                "--drain", Orchestrator.Invariant(options.Drain),
            }).ConfigureAwait(false);
            if (results is null)
            {
                ok = false;
                continue;
            }

            foreach (var line in results.Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)))
            {
                report.AddScaleOut(layout.Name, server, JsonSerializer.Deserialize<PhaseResult>(line.AsSpan(7))!);
            }
        }

        // Lines must not be lost on any layout; a run that lost some is reported, and fails the scenario.
        return ok && report.ScaleOut.Count == layouts.Length && report.ScaleOut.All(r => r.Result.Lost == 0 && r.Result.PostsRejected == 0);
    }

    /// <summary>Starts the layout's node processes, runs the client against all of them, returns the client's output lines (null on failure).</summary>
    private static async Task<List<string>?> RunClientAsync(BenchOptions options, string server, Layout layout, string? connectionString, int databasePid, string[] clientArgs)
    {
        Console.WriteLine($"== {layout.Name} ({server}): {string.Join(' ', clientArgs)}");
        var nodes = new List<ChildProcess>();
        try
        {
            var ports = new List<(int Port, int ControlPort)>();

            // One after another: the first node creates the tables the others find.
            for (var i = 0; i < layout.Nodes; i++)
            {
                var node = Orchestrator.StartServer(options, server, connectionString);
                nodes.Add(node);
                ports.Add(await Orchestrator.ReadyAsync(node).ConfigureAwait(false));
            }

            var args = new List<string>
            {
                "--transport", ServerKinds.Transport(server),
                "--server", string.Join(',', ports.Select(p => "127.0.0.1:" + Orchestrator.Invariant(p.Port))),
                "--control", string.Join(',', ports.Select(p => "127.0.0.1:" + Orchestrator.Invariant(p.ControlPort))),
            };
            args.AddRange(clientArgs);
            if (ServerKinds.IsTls(server))
            {
                args.AddRange(new[] { "--tls-thumbprint", BenchCertificate.Shared.Thumbprint });
            }

            if (databasePid > 0)
            {
                args.AddRange(new[] { "--database-pid", Orchestrator.Invariant(databasePid) });
            }

            if (options.Speakers is { } speakers)
            {
                args.AddRange(new[] { "--speakers", Orchestrator.Invariant(speakers) });
            }

            if (options.ReaderThreads is { } readerThreads)
            {
                args.AddRange(new[] { "--reader-threads", Orchestrator.Invariant(readerThreads) });
            }

            using var client = ChildProcess.Start(Orchestrator.ClientAssembly, args);
            var lines = new List<string>();
            while (await client.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lines.Add(line);
                Console.WriteLine("  " + line);
            }

            return await client.WaitForExitAsync().ConfigureAwait(false) == 0 ? lines : null;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
                node.Dispose();
            }
        }
    }
}
