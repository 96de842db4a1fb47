using System.Net;
using PushChat.LoadClient;

namespace PushChat.Tests.LoadClient;

/// <summary>
/// The load client against a chat of several nodes: which node each reader and speaker uses, and
/// how the database server's CPU is read from <c>/proc</c>.
/// </summary>
[TestClass]
public sealed class ScaleOutClientTests
{
    [TestMethod]
    public void Readers_and_speakers_are_spread_over_the_nodes_in_turn()
    {
        var options = ClientOptions.Parse(new[] { "--server", "127.0.0.1:7001,127.0.0.1:7002", "--control", "127.0.0.1:8001,127.0.0.1:8002" });

        CollectionAssert.AreEqual(new[] { IPEndPoint.Parse("127.0.0.1:7001"), IPEndPoint.Parse("127.0.0.1:7002") }, options.Servers.ToArray());
        Assert.AreEqual(IPEndPoint.Parse("127.0.0.1:7001"), options.NodeOf(0));
        Assert.AreEqual(IPEndPoint.Parse("127.0.0.1:7002"), options.NodeOf(1));
        Assert.AreEqual(IPEndPoint.Parse("127.0.0.1:7001"), options.NodeOf(256));
    }

    [TestMethod]
    public void Every_node_needs_its_control_port()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ClientOptions.Parse(new[] { "--server", "127.0.0.1:7001,127.0.0.1:7002", "--control", "127.0.0.1:8001" }));
    }

    [TestMethod]
    public void A_process_line_gives_its_parent_and_its_own_and_its_reaped_childrens_ticks()
    {
        // The name may hold spaces and parentheses; fields are counted after its last ')'.
        var line = "4242 (postgres: chat (x) idle) S 4100 4100 4100 0 -1 4194560 120 0 0 0 31 7 5 2 20 0 1 0 900 219000000 3000 18446744073709551615";

        var stat = ProcessTreeCpu.ParseStat(line);

        Assert.AreEqual(4100, stat.ParentPid);
        Assert.AreEqual(31 + 7, stat.OwnTicks);
        Assert.AreEqual(5 + 2, stat.ReapedChildrenTicks);
    }

    [TestMethod]
    public void The_tree_of_this_process_has_spent_cpu()
    {
        var tree = new ProcessTreeCpu(Environment.ProcessId);

        Assert.IsGreaterThan(TimeSpan.Zero, tree.Total());
    }
}
