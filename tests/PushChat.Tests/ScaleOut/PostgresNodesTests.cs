using PushChat.PostgreSql;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.ScaleOut;

/// <summary>The nodes over a real PostgreSQL database, each with its own <see cref="PostgresChatBackplane"/>.</summary>
[TestClass]
[TestCategory("PostgreSql")]
public sealed class PostgresNodesTests : NodesContract
{
    protected override Task<ChatTestNodes> StartNodesAsync(int count, Action<ChatServerOptions>? configure = null)
    {
        PostgresServer.RequireInstalled();
        var database = PostgresServer.Shared.CreateDatabase();
        return ChatTestNodes.StartAsync(count, configure, backplane: node => new PostgresChatBackplane(new PostgresBackplaneOptions { ConnectionString = database, NodeId = node }));
    }

    [TestMethod]
    public async Task History_and_resume_positions_survive_a_restart_of_every_node()
    {
        PostgresServer.RequireInstalled();
        var database = PostgresServer.Shared.CreateDatabase();
        Func<string, PushChat.ScaleOut.IChatBackplane> backplane = node => new PostgresChatBackplane(new PostgresBackplaneOptions { ConnectionString = database, NodeId = node });
        string ann, bob, lastId;
        var cookies = new CookieJar();
        await using (var first = await ChatTestNodes.StartAsync(2, backplane: backplane, cookies: cookies))
        {
            (bob, var bobChat) = await first[1].EnterAsync("bob");
            await using var bobStream = bobChat;
            ann = await first[0].LoginAsync("ann");
            var (annEvents, _) = await ServerSentEvents.OpenAsync(first[0], ann);
            await using var annStream = annEvents;
            Assert.AreEqual(303, (await first[1].SayAsync(bob, "before the restart")).Status);
            lastId = (await ServerSentEvents.ReadUntilLineAsync(annEvents, "before the restart")).Last(e => e.Id is not null).Id!;
        }

        await using var second = await ChatTestNodes.StartAsync(1, backplane: backplane, cookies: cookies);
        Assert.AreEqual(303, (await second[0].SayAsync(bob, "after the restart")).Status);
        var (resumed, head) = await ServerSentEvents.OpenAsync(second[0], ann, lastEventId: lastId);
        await using var resumedStream = resumed;
        Assert.AreEqual(200, head.Status);
        var after = await ServerSentEvents.ReadUntilLineAsync(resumed, "after the restart");

        CollectionAssert.AreEqual(new[] { "after the restart" }, after.Where(e => e.Name == "line" && e.Json.GetProperty("from").GetString() == "bob").Select(e => e.Text).ToArray());
        Assert.IsFalse(after.Any(e => e.Name == "missed"), "the positions from before the restart are still known");
        var (_, newcomer) = await second[0].EnterAsync("cy");
        await using var newcomerStream = newcomer;
        StringAssert.Contains(newcomer.StreamText, "before the restart");
    }
}
