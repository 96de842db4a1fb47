using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PushChat.Benchmarks.Serving;
using PushChat.LoadClient;
using PushChat.Testing;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>
/// Many readers on one chat spread over several nodes on the PostgreSQL backplane, more than one
/// process could hold (a process here may hold at most its hard limit of open files): N node
/// processes share a throwaway database, and C load-client processes, each connecting from a
/// loopback address of its own so that no (source, destination) pair runs out of ephemeral
/// ports, hold an equal share of the readers spread over every node. One client publishes (its
/// speakers on every node in turn) and probes fresh logins and posts; the others only read. The
/// orchestrator keeps them in step (<c>READY</c>/<c>GO</c> lines) and merges their results exactly.
/// </summary>
internal static class NodesScenario
{
    public static async Task<bool> RunAsync(BenchOptions options, Report report, bool smoke)
    {
        var server = options.Servers.FirstOrDefault(s => s == "pushchat")
            ?? throw new ArgumentException("The nodes scenario runs PushChat's forever frame: name pushchat in --servers.");
        var nodeCount = smoke ? 3 : options.Nodes ?? 6;
        var clientCount = smoke ? 2 : options.Clients ?? 6;
        var readers = smoke ? 300 : options.Readers ?? 100_000;
        var rate = smoke ? 20 : options.Rate ?? 1;
        var seconds = smoke ? 2 : options.Seconds ?? 30;
        // Two cores take a crowd of logins no faster with more in flight; they only queue longer.
        const int RampConcurrency = 16;
        var name = string.Create(CultureInfo.InvariantCulture, $"{nodeCount} nodes × {clientCount} clients");
        Console.WriteLine($"== {name}: {readers:N0} readers, {rate:G} posts/s for {seconds:G} s");
        var warnings = OsLimits.Check(new OsLimits.Load(readers, nodeCount, clientCount, RampConcurrency));

        // Every node has two pools (the backplane's and the accounts'), each opening connections as
        // a crowd of logins demands, up to Npgsql's default of 100: six nodes would ask for more
        // than the server allows and see logins fail. Each pool gets its share of the server.
        const int DatabaseConnections = 400;
        using var database = ThrowawayPostgres.Start(string.Create(CultureInfo.InvariantCulture, $"max_connections={DatabaseConnections}"));
        var poolSize = Math.Max(10, (DatabaseConnections - 40) / (2 * nodeCount));
        var connectionString = database.CreateDatabase("chat") + string.Create(CultureInfo.InvariantCulture, $";Maximum Pool Size={poolSize}");
        var nodes = new List<ChildProcess>();
        var clients = new List<ChildProcess>();
        try
        {
            var ports = new List<(int Port, int ControlPort)>();
            for (var i = 0; i < nodeCount; i++)
            {
                // One after another: the first node creates the tables the others find.
                var node = Orchestrator.StartServer(options, server, connectionString);
                nodes.Add(node);
                ports.Add(await Orchestrator.ReadyAsync(node).ConfigureAwait(false));
            }

            var shares = Enumerable.Range(0, clientCount).Select(k => (readers / clientCount) + (k < readers % clientCount ? 1 : 0)).ToArray();
            var common = new List<string>
            {
                "--transport", ServerKinds.Transport(server),
                "--server", string.Join(',', ports.Select(p => "127.0.0.1:" + Orchestrator.Invariant(p.Port))),
                "--control", string.Join(',', ports.Select(p => "127.0.0.1:" + Orchestrator.Invariant(p.ControlPort))),
                "--chat-readers", Orchestrator.Invariant(readers), "--phases", Orchestrator.Phases(rate, options.Size ?? 128),
                "--seconds", Orchestrator.Invariant(seconds), "--drain", Orchestrator.Invariant(options.Drain),
                "--speakers", Orchestrator.Invariant(options.Speakers ?? nodeCount), "--warmup", "0",
                "--ramp-concurrency", Orchestrator.Invariant(RampConcurrency),
            };
            var watch = Stopwatch.StartNew();
            for (var k = 0; k < clientCount; k++)
            {
                var args = new List<string>(common)
                {
                    "--readers", Orchestrator.Invariant(shares[k]), "--role", k == 0 ? "publisher" : "listener",
                    "--source", string.Create(CultureInfo.InvariantCulture, $"127.0.1.{k + 1}"),
                    "--name-prefix", string.Create(CultureInfo.InvariantCulture, $"c{k}"),
                };
                if (k == 0)
                {
                    args.AddRange(new[] { "--database-pid", Orchestrator.Invariant(database.Pid), "--probe-interval", smoke ? "0" : "0.5" });
                }

                clients.Add(ChildProcess.Start(Orchestrator.ClientAssembly, args));
            }

            var step = new ClientSteps(clients, watch);
            var results = await Task.WhenAll(clients.Select(step.PumpAsync)).ConfigureAwait(false);
            if (results.Any(r => r is null))
            {
                return false;
            }

            var merged = PhaseMerge.Merge(results!, publisher: 0);
            var perNode = new int[nodeCount];
            foreach (var share in shares)
            {
                for (var i = 0; i < share; i++)
                {
                    perNode[i % nodeCount]++;
                }
            }

            report.Nodes.Add(new NodesRun(name, clientCount, merged, perNode, results.Select(r => r!.ClientCpuSeconds).ToArray(), step.ConnectSeconds, warnings));
            return merged.Lost == 0 && merged.PostsRejected == 0 && merged.PostsUnanswered == 0;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                client.Dispose();
            }

            foreach (var node in nodes)
            {
                await node.StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
                node.Dispose();
            }
        }
    }
}
