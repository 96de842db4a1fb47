using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Moderation;

/// <summary>What a room's owner may not do: act outside the room, on an admin, on another owner, or take the room from the one who opened it.</summary>
[TestClass]
public sealed class OwnerLimitsTests
{
    [TestMethod]
    public async Task An_owner_moderates_only_plain_users_of_the_own_room()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (_, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (olga, olgaChat) = await ModerationSetup.EnterAsync(chat, "olga");
        var (pete, peteChat) = await ModerationSetup.EnterAsync(chat, "pete");
        var (_, lenaChat) = await ModerationSetup.EnterAsync(chat, "lena");
        await using var r = rootChat;
        await using var o = olgaChat;
        await using var p = peteChat;
        await using var l = lenaChat;
        await ModerationSetup.JoinAsync(chat, olga, olgaChat, "olga", "Den");
        await ModerationSetup.JoinAsync(chat, pete, peteChat, "pete", "Den");
        chat.Server.MoveUser("root", "Den");

        await Refused(olga, "/kick lena", "Only an admin or an owner of Lobby can kick users there.");
        await Refused(olga, "/mute root", "root is an admin: only the server's host can mute an admin.");
        await Refused(olga, "/kick olga", "You cannot kick yourself.");
        Assert.AreEqual(303, (await chat.SayAsync(olga, "/op pete")).Status);
        await Refused(olga, "/kick pete", "pete owns Den: only an admin can kick an owner.");
        await Refused(pete, "/deop olga", "Only an admin can take Den from olga, who opened it.");
        await Refused(pete, "/op lena", "Only an admin or an owner of Lobby can make owners there.");
        Assert.AreEqual(303, (await chat.SayAsync(pete, "/deop pete")).Status);
        await Refused(pete, "/close", "Only an admin or an owner of Den can close it.");
        Assert.AreEqual(403, (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Moderate}?sid={pete}"))).Status);
        var page = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Moderate}?sid={olga}"));
        Assert.AreEqual(200, page.Status);
        StringAssert.Contains(page.Body, "value=\"pete\"");
        Assert.DoesNotContain("value=\"lena\"", page.Body);
        Assert.DoesNotContain("value=\"banip\"", page.Body);
        StringAssert.Contains((await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Talk}?sid={olga}"))).Body, $"href=\"{ChatRoutes.Moderate}?sid={olga}\"");
        Assert.DoesNotContain(ChatRoutes.Moderate, (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Talk}?sid={pete}"))).Body);

        async Task Refused(string sid, string command, string message)
        {
            var response = await chat.SayAsync(sid, command);
            Assert.AreEqual(403, response.Status, command);
            StringAssert.Contains(response.Body, System.Net.WebUtility.HtmlEncode(message), command);
        }
    }

    [TestMethod]
    public async Task An_owner_closing_the_room_is_named_in_the_room_event_and_the_audit()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (olga, olgaChat) = await ModerationSetup.EnterAsync(chat, "olga");
        await using var o = olgaChat;
        await ModerationSetup.JoinAsync(chat, olga, olgaChat, "olga", "Den");
        var closed = new TaskCompletionSource<ChatRoomEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var audit = new TaskCompletionSource<ChatModerationEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.RoomClosed += (_, e) => closed.TrySetResult(e);
        chat.Server.ModerationPerformed += (_, e) => audit.TrySetResult(e);

        Assert.AreEqual(303, (await chat.SayAsync(olga, "/close")).Status);

        await olgaChat.ReadStreamUntilAsync("olga came from Den, which was closed.");
        var room = await closed.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual("Den", room.Room.Name);
        Assert.AreEqual("olga", room.ChangedBy);
        var record = await audit.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(ChatModerationAction.CloseRoom, record.Action);
        Assert.AreEqual("olga", record.Actor);
        Assert.AreEqual(403, (await chat.SayAsync(olga, "/close")).Status, "olga does not own the room she is in now");
    }
}
