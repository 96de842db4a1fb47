using System.Diagnostics;
using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.ScaleOut;

/// <summary>Nodes that die and a database that goes away: what was acknowledged stays, users of a dead node leave.</summary>
public sealed partial class ConsoleHostNodesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The first administrator of the chat (made by the first node, found by the second): an
    /// administrator is exempt from the flood limit of 5 lines in 5 seconds, so may post a burst.
    /// </summary>
    private static readonly string[] Administrator = ["--Chat:Admin:Name", "boss", "--Chat:Admin:Password", BossPassword];

    private const string BossPassword = "the boss's pa55word";

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_node_killed_mid_burst_loses_no_acknowledged_line_and_its_user_leaves_after_the_timeout_and_grace()
    {
        var browser = new CookieJar();
        var database = PostgresServer.Shared.CreateDatabase();
        await using var doomed = await ConsoleHostNode.StartAsync(database, "doomed", browser, Administrator);
        await using var survivor = await ConsoleHostNode.StartAsync(database, "survivor", browser, Administrator);
        var (_, annChat) = await doomed.EnterAsync("ann");
        await using var annReader = annChat;
        var (bossSid, bossChat) = await survivor.EnterAsync("boss", BossPassword);
        await using var bossReader = bossChat;

        var acknowledged = new List<string>();
        var killed = Stopwatch.StartNew();
        for (var i = 1; i <= 40; i++)
        {
            if (i == 11)
            {
                doomed.Kill();
                killed.Restart();
            }

            var line = $"burst-{i:000}";
            var said = await survivor.SayAsync(bossSid, line);
            Assert.AreEqual(303, said.Status, $"{line}: {said.Body}");
            acknowledged.Add(line);
        }

        var text = await bossReader.ReadStreamUntilAsync(acknowledged[^1]);
        CollectionAssert.AreEqual(acknowledged, BurstLines(text), "every acknowledged line, in order, once");

        await bossReader.ReadStreamUntilAsync("ann left (connection lost).");
        var earliest = ConsoleHostNode.NodeTimeout - ConsoleHostNode.HeartbeatInterval + ConsoleHostNode.LeaveGracePeriod;
        Assert.IsTrue(killed.Elapsed >= earliest, $"ann left {killed.Elapsed} after the kill, before the node timeout and the grace period ({earliest})");
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_user_of_a_killed_node_who_comes_back_through_the_other_within_the_grace_period_never_leaves()
    {
        var browser = new CookieJar();
        var database = PostgresServer.Shared.CreateDatabase();
        await using var doomed = await ConsoleHostNode.StartAsync(database, "doomed", browser);
        await using var survivor = await ConsoleHostNode.StartAsync(database, "survivor", browser);
        var (annSid, annChat) = await doomed.EnterAsync("ann");
        await using var annOnDoomed = annChat;
        var (_, cidChat) = await doomed.EnterAsync("cid");
        await using var cidOnDoomed = cidChat;
        var (_, bobChat) = await survivor.EnterAsync("bob");
        await using var bobReader = bobChat;

        doomed.Kill();
        await using var annBack = await survivor.OpenChatAsync(annSid, "role=\"log\"");

        // cid did not come back: once cid left, the node's users were dealt with, ann among them.
        var text = await bobReader.ReadStreamUntilAsync("cid left (connection lost).");
        Assert.IsFalse(text.Contains("ann left", StringComparison.Ordinal), "ann came back within the grace period yet left:\n" + text);
        Assert.AreEqual(303, (await survivor.SayAsync(annSid, "ann is still here")).Status);
        text = await bobReader.ReadStreamUntilAsync("ann is still here");
        Assert.IsFalse(text.Contains("ann left", StringComparison.Ordinal), "ann left:\n" + text);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task Across_a_database_restart_no_acknowledged_line_is_lost_lines_meanwhile_get_503_and_the_chat_works_after()
    {
        using var server = PostgresServer.StartNew();
        var browser = new CookieJar();
        var database = server.CreateDatabase();

        // A node timeout longer than the outage: this test is about lines, not about lost nodes.
        string[] patient = ["--Chat:Postgres:NodeTimeout", "00:00:30", .. Administrator];
        await using var a = await ConsoleHostNode.StartAsync(database, "a", browser, patient);
        await using var b = await ConsoleHostNode.StartAsync(database, "b", browser, patient);
        var (annSid, annChat) = await a.EnterAsync("ann");
        await using var annReader = annChat;
        var (bossSid, bossChat) = await b.EnterAsync("boss", BossPassword);
        await using var bossReader = bossChat;
        await annReader.ReadStreamUntilAsync("boss joined.");

        var acknowledged = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            var line = $"burst-{i:000}";
            Assert.AreEqual(303, (await (i % 2 == 0 ? b : a).SayAsync(bossSid, line)).Status, line);
            acknowledged.Add(line);
        }

        server.StopImmediately();
        var refused = await a.SayAsync(annSid, "said while the database is down");
        Assert.AreEqual(503, refused.Status, refused.Body);
        StringAssert.Contains(refused.Body, "cannot reach its database");
        Assert.AreEqual(503, (await b.SayAsync(bossSid, "said on b while the database is down")).Status);
        server.Start();

        using var timeout = new CancellationTokenSource(Patience);
        for (var i = 6; i <= 10; i++)
        {
            var line = $"burst-{i:000}";
            await SayOnceBackAsync(i % 2 == 0 ? b : a, bossSid, line, timeout.Token);
            acknowledged.Add(line);
        }

        foreach (var reader in new[] { annReader, bossReader })
        {
            var text = await reader.ReadStreamUntilAsync(acknowledged[^1]);
            CollectionAssert.AreEqual(acknowledged, BurstLines(text), "every acknowledged line, in order, once");
            Assert.IsFalse(text.Contains("while the database is down", StringComparison.Ordinal), "a refused line was shown");
        }
    }

    /// <summary>Posts a line once the node reaches its database again: the first tries after a restart may still be refused.</summary>
    private static async Task SayOnceBackAsync(ConsoleHostNode node, string sid, string line, CancellationToken cancellationToken)
    {
        while (true)
        {
            var said = await node.SayAsync(sid, line);
            if (said.Status == 303)
            {
                return;
            }

            Assert.AreEqual(503, said.Status, $"{line} on {node.Name}: {said.Body}");
            await Task.Delay(100, cancellationToken);
        }
    }

    private static List<string> BurstLines(string text) => BurstLine().Matches(text).Select(match => match.Value).ToList();

    [GeneratedRegex("burst-\\d{3}")]
    private static partial Regex BurstLine();
}
