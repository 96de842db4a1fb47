using PushChat.LoadClient;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>
/// One run of the nodes scenario: the phase as every client process measured it, merged, and
/// what only the orchestrator knows (how the readers were spread, how long they took to connect,
/// each client process's CPU).
/// </summary>
internal sealed record NodesRun(
    string Name,
    int Clients,
    PhaseResult Merged,
    int[] ReadersPerNode,
    double[] ClientCpuSeconds,
    double ConnectSeconds,
    IReadOnlyList<string> Warnings);
