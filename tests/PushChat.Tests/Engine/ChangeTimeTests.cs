using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Push;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class ChangeTimeTests
{
    private static readonly DateTimeOffset Stamped = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [TestMethod]
    public async Task A_stamped_change_is_applied_at_its_own_time_not_the_clocks()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var state = chat.Server.Engine!.State;

        var posted = state.Apply(new LinePosted("Lobby", ChatMessageKind.System, null, null, "from the log", LineAudience.Room) { At = Stamped });

        Assert.AreEqual(Stamped, posted.Line!.Time);
        Assert.AreNotEqual(Stamped, chat.Time.GetUtcNow());
    }

    [TestMethod]
    public async Task A_stamped_mute_expires_by_the_changes_time()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann");
        var state = chat.Server.Engine!.State;

        Assert.IsFalse(state.Apply(new UserMuted(null, "ann", TimeSpan.FromMinutes(5), null) { At = Stamped }).IsRefused);

        Assert.AreEqual(Stamped.AddMinutes(5), chat.Server.Sessions.Single(s => s.Name == "ann").MutedUntil);
        _ = ann;
    }

    [TestMethod]
    public async Task An_unstamped_change_is_applied_at_the_clocks_time()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var line = chat.Server.PostNotice("now");

        Assert.AreEqual(chat.Time.GetUtcNow(), line.Time);
    }
}
