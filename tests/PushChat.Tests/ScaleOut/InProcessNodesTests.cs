using PushChat.Internal.Chat.Changes;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.ScaleOut;

/// <summary>The nodes over an <see cref="PushChat.ScaleOut.InProcessBackplane"/>, on the fake clock that stamps their changes too.</summary>
[TestClass]
public sealed class InProcessNodesTests : NodesContract
{
    protected override Task<ChatTestNodes> StartNodesAsync(int count, Action<ChatServerOptions>? configure = null) => ChatTestNodes.StartAsync(count, configure);

    [TestMethod]
    public async Task Users_of_a_stopped_node_who_come_back_through_another_within_the_grace_period_never_leave()
    {
        await using var nodes = await ChatTestNodes.StartAsync(3);
        var (bob, bobChat) = await nodes[1].EnterAsync("bob");
        await using var bobStream = bobChat;
        var (ann, annChat) = await nodes[2].EnterAsync("ann");
        await using var annStream = annChat;
        var (_, cyChat) = await nodes[2].EnterAsync("cy");
        await using var cyStream = cyChat;
        await bobChat.ReadStreamUntilAsync("cy joined.");

        await nodes[2].Server.StopAsync();
        await annChat.ReadToEndAsync();

        // The frame of a node that leaves reloads itself from where it was, through the balancer.
        var refresh = System.Text.RegularExpressions.Regex.Match(annChat.StreamText, "http-equiv=\"refresh\" content=\"0; url=([^\"]+)\"");
        Assert.IsTrue(refresh.Success, annChat.StreamText);
        var again = System.Net.WebUtility.HtmlDecode(refresh.Groups[1].Value);
        StringAssert.Contains(again, "after=");
        await using var annBack = await nodes[0].ConnectAsync();
        await annBack.SendAsync(ChatTestServer.Get(again));
        Assert.AreEqual(200, (await annBack.ReadResponseAsync()).Status);
        await nodes.SettleAsync();
        nodes.Time.Advance(TimeSpan.FromSeconds(16));
        await bobChat.ReadStreamUntilAsync("cy left (connection lost).");
        Assert.AreEqual(303, (await nodes[1].SayAsync(bob, "still here?")).Status);
        await annBack.ReadStreamUntilAsync("still here?");

        Assert.IsFalse(bobChat.StreamText.Contains("ann left", StringComparison.Ordinal), "ann came back through another node in time");
        Assert.IsFalse(annBack.StreamText.Contains("ann joined.", StringComparison.Ordinal) && bobChat.StreamText.Split("ann joined.").Length > 2, "ann is not announced twice");
    }

    [TestMethod]
    public async Task A_node_that_died_and_starts_again_under_its_name_holds_none_of_its_former_streams()
    {
        await using var nodes = await ChatTestNodes.StartAsync(1);
        var (ann, annChat) = await nodes[0].EnterAsync("ann");
        await using var annStream = annChat;
        await nodes.SettleAsync();

        // node-b had a stream of ann's when it died: nothing but its change is left of it.
        var dead = nodes.InProcess.Node("node-b");
        await dead.AppendAsync(ChangeCodec.Encode(new StreamsOpened(ann, "node-b")), CancellationToken.None);
        var session = nodes[0].Server.Engine!.State.Sessions.Find(ann)!;
        await nodes[0].Server.Engine!.Node!.Bus.WaitAppliedAsync(nodes.InProcess.Head, CancellationToken.None);
        CollectionAssert.AreEquivalent(new[] { "node-a", "node-b" }, session.PresentOn);

        await nodes.AddAsync();
        await nodes.SettleAsync();

        CollectionAssert.AreEqual(new[] { "node-a" }, session.PresentOn);
        CollectionAssert.AreEqual(new[] { "node-a" }, nodes[1].Server.Engine!.State.Sessions.Find(ann)!.PresentOn);
    }
}
