using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Moderation;

/// <summary>Nobody acts on themselves, and only the same or a higher authority lifts or shortens a mute.</summary>
[TestClass]
public sealed class UndoAuthorityTests
{
    [TestMethod]
    public async Task A_user_muted_by_an_admin_cannot_unmute_herself_from_a_room_she_opened()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (mallory, malloryChat) = await ModerationSetup.EnterAsync(chat, "mallory");
        await using var r = rootChat;
        await using var m = malloryChat;
        Assert.AreEqual(303, (await chat.SayAsync(root, "/mute mallory 1d spam")).Status);
        await ModerationSetup.JoinAsync(chat, mallory, malloryChat, "mallory", "Hideout");

        var unmute = await chat.SayAsync(mallory, "/unmute mallory");

        Assert.AreEqual(403, unmute.Status, unmute.Body);
        StringAssert.Contains(unmute.Body, "You cannot unmute yourself.");
        Assert.AreEqual(403, (await chat.SayAsync(mallory, "I am free")).Status, "still muted in her own room");
        await ModerationSetup.JoinAsync(chat, mallory, malloryChat, "mallory", "Lobby");
        Assert.AreEqual(403, (await chat.SayAsync(mallory, "I am free")).Status, "still muted in the lobby");
    }

    [TestMethod]
    public async Task An_owner_can_neither_lift_nor_shorten_an_admins_mute()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (olga, olgaChat) = await ModerationSetup.EnterAsync(chat, "olga");
        var (victor, victorChat) = await ModerationSetup.EnterAsync(chat, "victor");
        await using var r = rootChat;
        await using var o = olgaChat;
        await using var v = victorChat;
        await ModerationSetup.JoinAsync(chat, olga, olgaChat, "olga", "Den");
        await ModerationSetup.JoinAsync(chat, victor, victorChat, "victor", "Den");
        Assert.AreEqual(303, (await chat.SayAsync(root, "/mute victor 1d")).Status);

        var shorten = await chat.SayAsync(olga, "/mute victor 1s");
        var lift = await chat.SayAsync(olga, "/unmute victor");

        Assert.AreNotEqual(303, shorten.Status, shorten.Body);
        StringAssert.Contains(shorten.Body, "victor is already muted");
        Assert.AreEqual(403, lift.Status, lift.Body);
        StringAssert.Contains(lift.Body, "only an admin can lift it");
        chat.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual(403, (await chat.SayAsync(victor, "hello")).Status, "the admin's day-long mute holds");
        Assert.AreEqual(303, (await chat.SayAsync(root, "/unmute victor")).Status, "the admin who muted lifts it");
        Assert.AreEqual(303, (await chat.SayAsync(victor, "hello")).Status);
    }

    [TestMethod]
    public async Task An_admin_cannot_lift_the_hosts_ban_or_mute_but_the_host_lifts_an_admins()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (_, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var r = rootChat;
        await using var b = bobChat;
        chat.Server.Mute("bob", TimeSpan.FromDays(1));
        chat.Server.Ban("eve", TimeSpan.FromDays(1));

        Assert.AreEqual(403, (await chat.SayAsync(root, "/unmute bob")).Status);
        Assert.AreEqual(403, (await chat.SayAsync(root, "/mute bob 1m")).Status);
        Assert.AreEqual(403, (await chat.SayAsync(root, "/unban eve")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(root, "/ban carl 1h")).Status);
        Assert.IsTrue(chat.Server.Unban("carl"));
        Assert.IsTrue(chat.Server.Unmute("bob"));
    }
}
