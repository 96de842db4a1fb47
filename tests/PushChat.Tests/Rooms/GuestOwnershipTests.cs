using PushChat.Tests.Infrastructure;
using PushChat.Tests.Moderation;

namespace PushChat.Tests.Rooms;

/// <summary>A guest's ownership belongs to the guest's session; only registered accounts own rooms by name.</summary>
[TestClass]
public sealed class GuestOwnershipTests
{
    [TestMethod]
    public async Task A_stranger_who_logs_in_with_a_freed_guest_name_owns_nothing()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (olga, olgaChat) = await ModerationSetup.EnterAsync(chat, "olga");
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var b = bobChat;
        await ModerationSetup.JoinAsync(chat, olga, olgaChat, "olga", "Den");
        await ModerationSetup.JoinAsync(chat, bob, bobChat, "bob", "Den");
        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={olga}"))).Status);
        await olgaChat.DisposeAsync();
        Assert.IsNull(chat.Server.Rooms.Single(r => r.Name == "Den").Owner, "the room list no longer names the guest who left");

        var (stranger, strangerChat) = await ModerationSetup.EnterAsync(chat, "olga");
        await using var s = strangerChat;
        await ModerationSetup.JoinAsync(chat, stranger, strangerChat, "olga", "Den");
        var kick = await chat.SayAsync(stranger, "/kick bob");

        Assert.AreEqual(403, kick.Status, kick.Body);
        Assert.IsTrue(chat.Server.OnlineUsers.Any(u => u.Name == "bob"));
        Assert.AreEqual(403, (await chat.SayAsync(stranger, "/topic mine now")).Status);
    }

    [TestMethod]
    public async Task A_registered_owner_keeps_the_room_across_logins_but_a_guest_made_owner_does_not()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (ursula, ursulaChat) = await ModerationSetup.EnterAsync(chat, "ursula", ModerationSetup.Password);
        var (gina, ginaChat) = await ModerationSetup.EnterAsync(chat, "gina");
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var b = bobChat;
        await ModerationSetup.JoinAsync(chat, ursula, ursulaChat, "ursula", "Nest");
        await ModerationSetup.JoinAsync(chat, gina, ginaChat, "gina", "Nest");
        await ModerationSetup.JoinAsync(chat, bob, bobChat, "bob", "Nest");
        Assert.AreEqual(303, (await chat.SayAsync(ursula, "/op gina")).Status);
        foreach (var (sid, stream) in new[] { (ursula, ursulaChat), (gina, ginaChat) })
        {
            Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={sid}"))).Status);
            await stream.DisposeAsync();
        }

        var (fakeGina, fakeGinaChat) = await ModerationSetup.EnterAsync(chat, "gina");
        await using var f = fakeGinaChat;
        await ModerationSetup.JoinAsync(chat, fakeGina, fakeGinaChat, "gina", "Nest");
        Assert.AreEqual(403, (await chat.SayAsync(fakeGina, "/kick bob")).Status, "a guest's /op ended with her session");

        (ursula, ursulaChat) = await ModerationSetup.EnterAsync(chat, "ursula", ModerationSetup.Password);
        await using var u = ursulaChat;
        await ModerationSetup.JoinAsync(chat, ursula, ursulaChat, "ursula", "Nest");
        Assert.AreEqual(303, (await chat.SayAsync(ursula, "/kick bob")).Status, "a registered account owns by name");
    }

    [TestMethod]
    public async Task A_name_based_ownership_needs_a_registered_role()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (ursula, ursulaChat) = await ModerationSetup.EnterAsync(chat, "ursula", ModerationSetup.Password);
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var u = ursulaChat;
        await using var b = bobChat;
        await ModerationSetup.JoinAsync(chat, ursula, ursulaChat, "ursula", "Nest");
        await ModerationSetup.JoinAsync(chat, bob, bobChat, "bob", "Nest");

        Assert.IsTrue(chat.Server.SetRole("ursula", ChatRole.Guest));
        var kick = await chat.SayAsync(ursula, "/kick bob");

        Assert.AreEqual(403, kick.Status, kick.Body);
        Assert.IsTrue(chat.Server.OnlineUsers.Any(x => x.Name == "bob"));
    }
}
