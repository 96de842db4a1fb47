using System.Diagnostics;
using System.Globalization;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Hosting;

/// <summary>
/// Nodes of one chat as operators run them: console host processes started with the same
/// <c>--postgres</c> and each its own <c>--node-id</c>, trusting the balancer on loopback for
/// <c>X-Forwarded-For</c> (<c>Chat:TrustedProxies</c>).
/// </summary>
internal sealed class ConsoleHostNodes : IAsyncDisposable
{
    private readonly List<Node> _nodes = [];
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("pushchat-nodes-");

    private ConsoleHostNodes()
    {
    }

    /// <summary>The loopback port of each node, in the order of their ids.</summary>
    public int[] Ports => _nodes.Select(n => n.Port).ToArray();

    public static Task<ConsoleHostNodes> StartAsync(string connectionString, params string[] nodeIds) =>
        StartAsync(connectionString, "127.0.0.1", null, nodeIds);

    /// <summary>Starts nodes that answer for <paramref name="publicName"/> only (<c>Chat:AllowedHosts</c>), the name browsers reach the balancer by.</summary>
    public static Task<ConsoleHostNodes> StartForAsync(string publicName, string connectionString, params string[] nodeIds) =>
        StartAsync(connectionString, "127.0.0.1", new() { ["PUSHCHAT_Chat__AllowedHosts__0"] = publicName }, nodeIds);

    /// <param name="trustedProxy">The balancer's address, the one the nodes believe <c>X-Forwarded-For</c> from.</param>
    /// <param name="environment">More settings, as the host's environment variables (<c>PUSHCHAT_Chat__…</c>).</param>
    public static async Task<ConsoleHostNodes> StartAsync(string connectionString, string trustedProxy, Dictionary<string, string>? environment, params string[] nodeIds)
    {
        var nodes = new ConsoleHostNodes();
        try
        {
            foreach (var id in nodeIds)
            {
                var folder = nodes._data.CreateSubdirectory(id).FullName;
                var process = ConsoleHostTests.Start(
                    environment,
                    "--port", "0", "--data", folder, "--postgres", connectionString, "--node-id", id, "--Chat:TrustedProxies:0", trustedProxy);
                var node = new Node(id, process);
                nodes._nodes.Add(node);
                node.Port = (await ConsoleHostTests.ReadUrlAsync(process, node.Output)).Port;
                node.DrainOutput();
            }

            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>What each node printed so far, for a failure message.</summary>
    public string Output() => string.Join("\n", _nodes.Select(n => $"--- node {n.Id}:\n{n.Printed()}"));

    /// <summary>Stops every node with SIGTERM (a graceful stop), or kills it when it does not stop in time.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }

        try
        {
            _data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private sealed class Node(string id, Process process)
    {
        private Task? _draining;

        public string Id { get; } = id;

        public int Port { get; set; }

        /// <summary>Everything the node printed; filled as it prints, so that its pipes never fill up and block it.</summary>
        public System.Text.StringBuilder Output { get; } = new();

        public string Printed()
        {
            lock (Output)
            {
                return Output.ToString();
            }
        }

        public void DrainOutput() => _draining = Task.WhenAll(CopyAsync(process.StandardOutput), CopyAsync(process.StandardError));

        public async Task StopAsync()
        {
            using (process)
            {
                if (!process.HasExited)
                {
                    using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                    {
                        await term.WaitForExitAsync();
                    }

                    using var stopped = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
                    try
                    {
                        await process.WaitForExitAsync(stopped.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        process.Kill(entireProcessTree: true);
                        await process.WaitForExitAsync();
                    }
                }

                if (_draining is not null)
                {
                    await _draining;
                }
            }
        }

        private async Task CopyAsync(StreamReader from)
        {
            while (await from.ReadLineAsync() is { } line)
            {
                lock (Output)
                {
                    Output.AppendLine(line);
                }
            }
        }
    }
}
