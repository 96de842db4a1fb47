using PushChat.Tests.Infrastructure;
using PushChat.Tests.Rooms;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class OnlineListTests
{
    [TestMethod]
    public async Task A_colour_change_does_not_rebuild_the_online_list_and_shows_within_a_second()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann");
        await using var reader = await chat.OpenChatAsync(ann, "ann joined.");
        var online = chat.Engine().Online;
        Assert.HasCount(1, chat.Server.OnlineUsers);
        var version = chat.Engine().State.MembershipVersion;
        var builds = online.Builds;

        // Eight changes: within the colour budget of one session.
        for (var i = 0; i < 8; i++)
        {
            Assert.IsNotNull(chat.Engine().Sessions.SetColor(chat.Engine().Sessions.Find(ann)!, i % 2 == 0 ? "red" : "blue").Value);
            Assert.HasCount(1, chat.Server.OnlineUsers);
        }

        Assert.AreEqual(version, chat.Engine().State.MembershipVersion, "a colour is not a membership change");
        Assert.AreEqual(builds, online.Builds, "eight colour changes, no rebuild");
        chat.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(chat.Engine().Sessions.Find(ann)!.Color, chat.Server.OnlineUsers[0].Color, "the next refresh shows the colour");
    }

    [TestMethod]
    public async Task Readers_asking_at_once_after_a_join_cost_one_rebuild()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.WithoutAddressBudgets());
        for (var i = 0; i < 2000; i++)
        {
            chat.Enter($"u{i}");
        }

        var online = chat.Engine().Online;
        Assert.HasCount(2000, chat.Server.OnlineUsers);
        var builds = online.Builds;
        chat.Enter("late");

        using var start = new Barrier(8);
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(RawHttpClient.SafetyTimeout);
            return chat.Server.OnlineUsers.Count;
        })).ToArray();
        var counts = await Task.WhenAll(readers).WaitAsync(RawHttpClient.SafetyTimeout);

        CollectionAssert.AreEqual(Enumerable.Repeat(2001, 8).ToArray(), counts, "every reader sees the join");
        Assert.AreEqual(builds + 1, online.Builds, "one rebuild for all of them");
    }
}
