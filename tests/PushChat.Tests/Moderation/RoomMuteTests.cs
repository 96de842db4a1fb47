using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Moderation;

/// <summary>An owner's mute holds in the owner's room only, and not for long; server-wide and long mutes are an admin's.</summary>
[TestClass]
public sealed class RoomMuteTests
{
    [TestMethod]
    public async Task A_guest_owner_mutes_a_visitor_in_the_room_only_and_not_for_a_year()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (gus, gusChat) = await ModerationSetup.EnterAsync(chat, "gus");
        var (victor, victorChat) = await ModerationSetup.EnterAsync(chat, "victor");
        await using var g = gusChat;
        await using var v = victorChat;
        await ModerationSetup.JoinAsync(chat, gus, gusChat, "gus", "Trap");
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Trap");

        var year = await chat.SayAsync(gus, "/mute victor 365d");
        Assert.AreEqual(403, year.Status, year.Body);
        StringAssert.Contains(year.Body, "at most 1 hour");
        Assert.AreEqual(303, (await chat.SayAsync(gus, "/mute victor 1h")).Status);

        Assert.AreEqual(403, (await chat.SayAsync(victor, "let me out")).Status, "muted in Trap");
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Lobby");
        Assert.AreEqual(303, (await chat.SayAsync(victor, "free in the lobby")).Status, "the room mute holds in Trap only");
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Trap");
        Assert.AreEqual(403, (await chat.SayAsync(victor, "back")).Status, "the room mute holds in Trap when victor comes back");
    }

    [TestMethod]
    public async Task A_room_mute_holds_when_the_user_comes_back_or_logs_in_again_until_it_runs_out()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (olga, olgaChat) = await ModerationSetup.EnterAsync(chat, "olga");
        var (victor, victorChat) = await ModerationSetup.EnterAsync(chat, "victor");
        await using var o = olgaChat;
        await ModerationSetup.JoinAsync(chat, olga, olgaChat, "olga", "Den");
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Den");
        Assert.AreEqual(303, (await chat.SayAsync(olga, "/mute victor 30m")).Status);

        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Lobby");
        Assert.AreEqual(303, (await chat.SayAsync(victor, "free in the lobby")).Status, "a room mute never holds in other rooms");
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Den");
        var back = await chat.SayAsync(victor, "back again");
        Assert.AreEqual(403, back.Status, "two /joins do not end the mute");
        StringAssert.Contains(back.Body, "muted in Den");

        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={victor}"))).Status);
        await victorChat.DisposeAsync();
        (victor, victorChat) = await ModerationSetup.EnterAsync(chat, "victor");
        await using var v = victorChat;
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Den");
        Assert.AreEqual(403, (await chat.SayAsync(victor, "new login")).Status, "logging in again does not end the mute");

        chat.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.AreEqual(303, (await chat.SayAsync(victor, "hello")).Status, "the mute ran out");
    }

    [TestMethod]
    public async Task A_room_mute_goes_when_the_room_closes()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (olga, olgaChat) = await ModerationSetup.EnterAsync(chat, "olga");
        var (victor, victorChat) = await ModerationSetup.EnterAsync(chat, "victor");
        await using var o = olgaChat;
        await using var v = victorChat;
        await ModerationSetup.JoinAsync(chat, olga, olgaChat, "olga", "Den");
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Den");
        Assert.AreEqual(303, (await chat.SayAsync(olga, "/mute victor 30m")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(olga, "/close")).Status);

        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Den");
        Assert.AreEqual(303, (await chat.SayAsync(victor, "a new Den")).Status, "the mute closed with the old Den");
    }

    [TestMethod]
    public async Task A_room_mute_ends_after_its_duration_and_the_host_mutes_everywhere()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (gus, gusChat) = await ModerationSetup.EnterAsync(chat, "gus");
        var (victor, victorChat) = await ModerationSetup.EnterAsync(chat, "victor");
        await using var g = gusChat;
        await using var v = victorChat;
        await ModerationSetup.JoinAsync(chat, gus, gusChat, "gus", "Trap");
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Trap");
        Assert.AreEqual(303, (await chat.SayAsync(gus, "/mute victor 30m")).Status);
        chat.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.AreEqual(303, (await chat.SayAsync(victor, "hello")).Status);

        chat.Server.Mute("victor", TimeSpan.FromDays(2));
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Lobby");
        Assert.AreEqual(403, (await chat.SayAsync(victor, "hello")).Status, "the host's mute holds everywhere");
    }

    [TestMethod]
    public async Task The_room_mute_cap_is_a_limit_and_a_mute_without_duration_gets_the_cap()
    {
        await using var chat = await ModerationSetup.StartAsync(o => o.Limits.MaxRoomMuteDuration = TimeSpan.FromMinutes(5));
        var (gus, gusChat) = await ModerationSetup.EnterAsync(chat, "gus");
        var (victor, victorChat) = await ModerationSetup.EnterAsync(chat, "victor");
        await using var g = gusChat;
        await using var v = victorChat;
        await ModerationSetup.JoinAsync(chat, gus, gusChat, "gus", "Trap");
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Trap");

        var longer = await chat.SayAsync(gus, "/mute victor 6m");
        Assert.AreEqual(403, longer.Status, longer.Body);
        StringAssert.Contains(longer.Body, "at most 5 minutes");
        Assert.AreEqual(303, (await chat.SayAsync(gus, "/mute victor")).Status);
        await victorChat.ReadStreamUntilAsync("You were muted in Trap by gus until 12:05:00 UTC.");
        chat.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.AreEqual(303, (await chat.SayAsync(victor, "hello")).Status);
    }
}
