using System.Diagnostics;
using System.Text.Json;
using PushChat.LoadClient;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>Reads every client's output, lets them all past each named point together, and collects their results.</summary>
internal sealed class ClientSteps
{
    private readonly List<ChildProcess> _clients;
    private readonly Stopwatch _watch;
    private readonly Dictionary<string, int> _ready = new();

    public ClientSteps(List<ChildProcess> clients, Stopwatch watch)
    {
        _clients = clients;
        _watch = watch;
    }

    /// <summary>Seconds from starting the clients until every one had all its readers subscribed.</summary>
    public double ConnectSeconds { get; private set; }

    public async Task<PhaseResult?> PumpAsync(ChildProcess client, int index)
    {
        PhaseResult? result = null;
        while (await client.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            Console.WriteLine($"  [c{index}] {(line.StartsWith("RESULT ", StringComparison.Ordinal) ? "RESULT" : line)}");
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                result ??= JsonSerializer.Deserialize<PhaseResult>(line.AsSpan(7));
            }
            else if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                await ReadyAsync(line.Substring(6)).ConfigureAwait(false);
            }
        }

        if (await client.WaitForExitAsync().ConfigureAwait(false) == 0)
        {
            return result;
        }

        // The others would wait for it at the next point for ever.
        Console.WriteLine($"  [c{index}] failed: stopping every client");
        foreach (var other in _clients)
        {
            await other.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }

        return null;
    }

    private async Task ReadyAsync(string point)
    {
        bool all;
        lock (_ready)
        {
            _ready[point] = _ready.GetValueOrDefault(point) + 1;
            all = _ready[point] == _clients.Count;
        }

        if (!all)
        {
            return;
        }

        if (point == "ramped")
        {
            ConnectSeconds = _watch.Elapsed.TotalSeconds;
            Console.WriteLine($"# every client's readers subscribed after {ConnectSeconds:F1} s");
        }

        foreach (var client in _clients)
        {
            await client.WriteLineAsync("GO " + point).ConfigureAwait(false);
        }
    }
}
