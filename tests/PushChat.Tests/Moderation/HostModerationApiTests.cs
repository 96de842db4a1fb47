using System.Net;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Moderation;

/// <summary>The host's moderation calls on <see cref="ChatServer"/> and the audit events every privileged act raises.</summary>
[TestClass]
public sealed class HostModerationApiTests
{
    [TestMethod]
    public async Task Sessions_shows_address_room_role_and_idle_time_but_never_a_session_id()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (alice, aliceChat) = await ModerationSetup.EnterAsync(chat, "alice");
        await using var a = aliceChat;
        var root = await chat.LoginAsync("root", ModerationSetup.Password);

        // Within StreamOpenTimeout: root never opens a chat.
        chat.Time.Advance(TimeSpan.FromSeconds(10));

        var sessions = chat.Server.Sessions;
        Assert.AreEqual(2, sessions.Count);
        var info = sessions.Single(s => s.Name == "alice");
        Assert.AreEqual(IPAddress.Loopback, info.RemoteAddress);
        Assert.AreEqual("Lobby", info.Room);
        Assert.AreEqual(ChatRole.Guest, info.Role);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(10), info.IdleTime);
        Assert.IsNull(info.MutedUntil);
        Assert.AreEqual(ChatRole.Admin, sessions.Single(s => s.Name == "root").Role);
        foreach (var property in typeof(ChatSessionInfo).GetProperties())
        {
            foreach (var session in sessions)
            {
                var value = property.GetValue(session)?.ToString() ?? string.Empty;
                Assert.DoesNotContain(alice, value, property.Name);
                Assert.DoesNotContain(root, value, property.Name);
            }
        }
    }

    [TestMethod]
    public async Task Kick_ends_the_session_with_the_reason_and_raises_the_leave_and_the_audit()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var b = bobChat;
        var left = new TaskCompletionSource<ChatUserEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var audit = new TaskCompletionSource<ChatModerationEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.UserLeft += (_, e) => left.TrySetResult(e);
        chat.Server.ModerationPerformed += (_, e) => audit.TrySetResult(e);

        Assert.IsTrue(chat.Server.Kick("BOB", "house rules"));

        await bobChat.ReadStreamUntilAsync("You were kicked out: house rules");
        Assert.AreEqual(ChatLeaveReason.Kicked, (await left.Task.WaitAsync(RawHttpClient.SafetyTimeout)).LeaveReason);
        var record = await audit.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(ChatModerationAction.Kick, record.Action);
        Assert.IsNull(record.Actor);
        Assert.AreEqual("bob", record.Target);
        Assert.AreEqual("Lobby", record.Room);
        Assert.AreEqual("house rules", record.Reason);
        Assert.AreEqual(chat.Time.GetUtcNow(), record.Time);
        Assert.IsNull(record.Refusal);
        Assert.AreEqual(404, (await chat.SayAsync(bob, "back?")).Status);
        Assert.IsFalse(chat.Server.Kick("bob"));
    }

    [TestMethod]
    public async Task An_address_ban_of_the_host_runs_out_on_the_clock_and_the_sweeper_forgets_it()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var audit = new TaskCompletionSource<ChatModerationEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.ModerationPerformed += (_, e) => audit.TrySetResult(e);

        chat.Server.Ban(IPAddress.Loopback, TimeSpan.FromMinutes(5), "abuse");

        var record = await audit.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(ChatModerationAction.Ban, record.Action);
        Assert.AreEqual("127.0.0.1", record.Target);
        Assert.AreEqual(chat.Time.GetUtcNow() + TimeSpan.FromMinutes(5), record.Until);
        var refused = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=eve&password="));
        Assert.AreEqual(403, refused.Status);
        StringAssert.Contains(refused.Body, "Your address is banned until 12:05:00 UTC: abuse");
        await chat.LoginAsync("root", ModerationSetup.Password);
        chat.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.IsFalse(chat.Server.Engine!.State.ModerationMayHaveExpired, "the sweeper forgot the ban");
        Assert.IsFalse(chat.Server.Unban(IPAddress.Loopback));
        await chat.LoginAsync("eve");
    }

    [TestMethod]
    public async Task Ban_and_unban_of_a_name_that_is_not_online()
    {
        await using var chat = await ModerationSetup.StartAsync();

        chat.Server.Ban("mallory", TimeSpan.FromDays(2));

        Assert.AreEqual(403, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=Mallory&password="))).Status);
        Assert.IsTrue(chat.Server.Unban("MALLORY"));
        Assert.IsFalse(chat.Server.Unban("mallory"));
        await chat.LoginAsync("mallory");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => chat.Server.Ban("x", TimeSpan.Zero));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => chat.Server.Mute("x", TimeSpan.FromDays(366)));
    }

    [TestMethod]
    public async Task Mute_and_unmute_of_the_host()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var b = bobChat;

        chat.Server.Mute("bob", TimeSpan.FromMinutes(3), "cool off");

        await bobChat.ReadStreamUntilAsync("You were muted until 12:03:00 UTC: cool off");
        Assert.AreEqual(403, (await chat.SayAsync(bob, "hey")).Status);
        Assert.AreEqual(chat.Time.GetUtcNow() + TimeSpan.FromMinutes(3), chat.Server.Sessions.Single().MutedUntil);
        Assert.IsTrue(chat.Server.Unmute("bob"));
        Assert.IsFalse(chat.Server.Unmute("bob"));
        Assert.AreEqual(303, (await chat.SayAsync(bob, "hey")).Status);
    }

    [TestMethod]
    public async Task MoveUser_moves_an_online_user_and_answers_false_for_a_room_that_does_not_exist()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (_, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var b = bobChat;
        chat.Server.CreateRoom("Side");
        var audit = new TaskCompletionSource<ChatModerationEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.ModerationPerformed += (_, e) => audit.TrySetResult(e);

        Assert.IsTrue(chat.Server.MoveUser("bob", "side"));

        await bobChat.ReadStreamUntilAsync("bob joined.");
        Assert.AreEqual("Side", chat.Server.Sessions.Single().Room);
        var record = await audit.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(ChatModerationAction.MoveUser, record.Action);
        Assert.AreEqual("Side", record.Room);
        Assert.IsFalse(chat.Server.MoveUser("nobody", "Side"));
        Assert.IsFalse(chat.Server.MoveUser("bob", "Nowhere"));
        Assert.AreEqual("Side", chat.Server.Sessions.Single().Room, "a refused move leaves the user where they are");
    }

    [TestMethod]
    public async Task SetRole_counts_from_the_next_act_and_a_refused_act_is_audited()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        var (_, carlChat) = await ModerationSetup.EnterAsync(chat, "carl");
        await using var b = bobChat;
        await using var c = carlChat;
        var refusal = new TaskCompletionSource<ChatModerationEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.ModerationRefused += (_, e) => refusal.TrySetResult(e);

        Assert.AreEqual(403, (await chat.SayAsync(bob, "/ip carl")).Status);
        var refused = await refusal.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual("bob", refused.Actor);
        Assert.AreEqual(ChatModerationAction.LookUpAddress, refused.Action);
        Assert.AreEqual("Only an admin can look up addresses.", refused.Refusal);

        Assert.IsTrue(chat.Server.SetRole("bob", ChatRole.Admin));
        Assert.AreEqual(303, (await chat.SayAsync(bob, "/ip carl")).Status);
        await bobChat.ReadStreamUntilAsync("carl: 127.0.0.1");
        Assert.IsTrue(chat.Server.SetRole("bob", ChatRole.User));
        Assert.AreEqual(403, (await chat.SayAsync(bob, "/kick carl")).Status);
        Assert.IsFalse(chat.Server.SetRole("nobody", ChatRole.Admin));
    }
}
