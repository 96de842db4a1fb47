namespace PushChat.LoadClient;

/// <summary>
/// The control ports of every node of the chat under test, asked together: the sum stands for
/// the chat as a whole, each node's own figures show how evenly the work is shared.
/// </summary>
internal sealed class NodeGroup
{
    private readonly ServerControl[] _nodes;

    public NodeGroup(IEnumerable<System.Net.IPEndPoint> controls) => _nodes = controls.Select(c => new ServerControl(c)).ToArray();

    public int Count => _nodes.Length;

    /// <summary>Each node's figures, in node order.</summary>
    public ServerStats[] Each() => _nodes.Select(n => n.Stats()).ToArray();

    /// <summary>Forces a full compacting collection on every node first.</summary>
    public ServerStats CollectAndStats() => Sum(_nodes.Select(n => n.CollectAndStats()).ToArray());

    /// <summary>The figures of all nodes added up (memory too: what the chat holds in all).</summary>
    public static ServerStats Sum(ServerStats[] each) => new(
        each.Sum(s => s.CpuMicros), each.Sum(s => s.RssKb), each.Sum(s => s.ManagedBytes), each.Sum(s => s.DroppedSlowReaders),
        each.Sum(s => s.Connections), each.Sum(s => s.PoolPending), each.Sum(s => s.PoolThreads), each.Sum(s => s.GcCount), each.Sum(s => s.GcPauseMicros),
        each.Sum(s => s.Gen1Count), each.Sum(s => s.Gen2Count), each.Sum(s => s.AllocatedBytes), each.Min(s => s.Joined), each.Sum(s => s.CommittedBytes));
}
