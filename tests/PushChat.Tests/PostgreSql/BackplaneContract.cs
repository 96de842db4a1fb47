using System.Text;
using PushChat.ScaleOut;

namespace PushChat.Tests.PostgreSql;

/// <summary>
/// What every <see cref="IChatBackplane"/> promises, run against each implementation: one order of
/// changes for every node, gapless and in commit order; readers that see each change once; one
/// leader at a time; live nodes that leave when they stop.
/// </summary>
public abstract class BackplaneContract
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<IChatBackplane> _nodes = [];

    /// <summary>Makes a new, empty chat; each call of the function it returns adds a node of that chat (not yet started).</summary>
    protected abstract Func<string, IChatBackplane> NewChat();

    /// <summary>Nodes of one new chat, started.</summary>
    protected async Task<IChatBackplane[]> StartNodesAsync(params string[] names)
    {
        var chat = NewChat();
        var nodes = names.Select(chat).ToArray();
        _nodes.AddRange(nodes);
        foreach (var node in nodes)
        {
            await node.StartAsync(default);
        }

        return nodes;
    }

    [TestCleanup]
    public async Task StopNodes()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync(default);
            if (node is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [TestMethod]
    public async Task Concurrent_appends_from_two_nodes_get_positions_one_to_n_without_gaps_in_their_commit_order()
    {
        var nodes = await StartNodesAsync("a", "b");
        const int each = 40;

        var appended = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var mine = new List<BackplaneChange>();
            for (var i = 0; i < each; i++)
            {
                mine.Add(await node.AppendAsync(Payload($"{node.NodeId}{i}"), default));
            }

            return mine;
        })));

        var positions = appended.SelectMany(mine => mine).Select(c => c.Position).Order().ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, 2 * each).Select(p => (long)p).ToArray(), positions);
        foreach (var mine in appended)
        {
            Assert.IsTrue(mine.Zip(mine.Skip(1)).All(pair => pair.First.Position < pair.Second.Position), "a node's appends, one after another, commit in that order");
        }

        Assert.AreEqual(2L * each, await nodes[0].HeadAsync(default));
        var read = await ReadAsync(nodes[1], 0, 2 * each);
        var byPosition = appended.SelectMany(mine => mine).ToDictionary(c => c.Position);
        foreach (var change in read)
        {
            Assert.AreEqual(Text(byPosition[change.Position]), Text(change), $"position {change.Position}");
            Assert.AreEqual(byPosition[change.Position].NodeId, change.NodeId);
            Assert.AreEqual(byPosition[change.Position].At, change.At);
        }
    }

    [TestMethod]
    public async Task Every_reader_sees_every_change_once_in_order_whichever_node_appended_it()
    {
        var nodes = await StartNodesAsync("a", "b");
        const int total = 30;
        var readers = nodes.Select(node => ReadAsync(node, 0, total)).ToArray();

        for (var i = 0; i < total; i++)
        {
            await nodes[i % 2].AppendAsync(Payload($"change {i}"), default);
        }

        foreach (var reader in readers)
        {
            var read = await reader;
            CollectionAssert.AreEqual(Enumerable.Range(1, total).Select(p => (long)p).ToArray(), read.Select(c => c.Position).ToArray());
            CollectionAssert.AreEqual(Enumerable.Range(0, total).Select(i => $"change {i}").ToArray(), read.Select(Text).ToArray());
            CollectionAssert.AreEqual(Enumerable.Range(0, total).Select(i => nodes[i % 2].NodeId).ToArray(), read.Select(c => c.NodeId).ToArray());
        }
    }

    [TestMethod]
    public async Task Readers_see_concurrent_appends_of_both_nodes_once_each_in_the_order_of_their_positions()
    {
        var nodes = await StartNodesAsync("a", "b");
        const int each = 25;
        var readers = nodes.Select(node => ReadAsync(node, 0, 2 * each)).ToArray();

        var appended = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            var mine = new List<BackplaneChange>();
            for (var i = 0; i < each; i++)
            {
                mine.Add(await node.AppendAsync(Payload($"{node.NodeId} {i}"), default));
            }

            return mine;
        })));

        var expected = appended.SelectMany(mine => mine).OrderBy(c => c.Position).Select(c => $"{c.Position} {c.NodeId} {Text(c)}").ToArray();
        foreach (var reader in readers)
        {
            var read = await reader;
            CollectionAssert.AreEqual(expected, read.Select(c => $"{c.Position} {c.NodeId} {Text(c)}").ToArray());
        }
    }

    [TestMethod]
    public async Task Reading_after_a_position_starts_with_the_next_change()
    {
        var nodes = await StartNodesAsync("a");
        for (var i = 1; i <= 5; i++)
        {
            await nodes[0].AppendAsync(Payload($"change {i}"), default);
        }

        var read = await ReadAsync(nodes[0], 3, 2);

        CollectionAssert.AreEqual(new[] { "change 4", "change 5" }, read.Select(Text).ToArray());
        CollectionAssert.AreEqual(new[] { 4L, 5L }, read.Select(c => c.Position).ToArray());
    }

    [TestMethod]
    public async Task A_node_that_joins_learns_the_chat_number_and_the_newest_position()
    {
        var chat = NewChat();
        var first = chat("a");
        _nodes.Add(first);
        var started = await first.StartAsync(default);
        await first.AppendAsync(Payload("one"), default);
        await first.AppendAsync(Payload("two"), default);
        var second = chat("b");
        _nodes.Add(second);

        var joined = await second.StartAsync(default);

        Assert.AreEqual(0, started.Head);
        Assert.AreEqual(2, joined.Head);
        Assert.AreEqual(started.ChatId, joined.ChatId);
        Assert.IsTrue(started.ChatId is >= 1 and <= 1L << 32, $"{started.ChatId}");
    }

    [TestMethod]
    public async Task Timestamps_never_go_backwards()
    {
        var nodes = await StartNodesAsync("a", "b");

        await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await node.AppendAsync(Payload("x"), default);
            }
        })));

        var read = await ReadAsync(nodes[0], 0, 40);
        foreach (var (earlier, later) in read.Zip(read.Skip(1)))
        {
            Assert.IsTrue(earlier.At <= later.At, $"{later.Position} at {later.At:O} is before {earlier.Position} at {earlier.At:O}");
        }
    }

    [TestMethod]
    public async Task Exactly_one_of_two_nodes_leads_and_the_other_takes_over_when_it_stops()
    {
        var nodes = await StartNodesAsync("a", "b");
        Assert.AreEqual(1, nodes.Count(n => n.IsLeader), "one leader once both started");
        var leader = nodes.Single(n => n.IsLeader);
        var other = nodes.Single(n => !n.IsLeader);

        await leader.StopAsync(default);
        await HeartbeatAsync(other);

        Assert.IsFalse(leader.IsLeader, "a stopped node leads no more");
        Assert.IsTrue(other.IsLeader, "the other node takes the lead at its next heartbeat");
    }

    [TestMethod]
    public async Task A_stopped_node_leaves_the_live_nodes()
    {
        var nodes = await StartNodesAsync("a", "b");
        CollectionAssert.AreEquivalent(new[] { "a", "b" }, (await nodes[1].LiveNodesAsync(default)).ToArray());

        await nodes[0].StopAsync(default);

        CollectionAssert.AreEquivalent(new[] { "b" }, (await nodes[1].LiveNodesAsync(default)).ToArray());
    }

    protected static ReadOnlyMemory<byte> Payload(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(BackplaneChange change) => Encoding.UTF8.GetString(change.Payload.Span);

    /// <summary>The first <paramref name="count"/> changes after <paramref name="after"/>; fails if they do not come within <see cref="Patience"/>.</summary>
    protected static async Task<List<BackplaneChange>> ReadAsync(IChatBackplane node, long after, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var read = new List<BackplaneChange>();
        try
        {
            await foreach (var change in node.ReadAsync(after, timeout.Token))
            {
                read.Add(change);
                if (read.Count == count)
                {
                    return read;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"{node.NodeId} read {read.Count} of {count} changes after {after}: {string.Join(", ", read.Select(c => c.Position))}");
        return read;
    }

    /// <summary>
    /// Gives <paramref name="node"/> the heartbeat its timer would give it next, so that a test of
    /// leadership steps through heartbeats rather than waiting for them; a backplane whose lead
    /// passes at once needs none.
    /// </summary>
    protected virtual Task HeartbeatAsync(IChatBackplane node) => Task.CompletedTask;
}
