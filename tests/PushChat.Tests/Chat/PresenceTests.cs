using PushChat.Internal.Chat.State;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Chat;

[TestClass]
public sealed class PresenceTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    [TestMethod]
    public async Task A_closed_chat_stream_is_a_leave_after_the_grace_period()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.LeaveGracePeriod = Grace);
        var alice = await chat.LoginAsync("alice");
        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob);
        var aliceChat = await chat.OpenChatAsync(alice, "alice joined.");
        var closed = StreamClosedSignal(chat);
        var left = LeftSignal(chat);

        await aliceChat.DisposeAsync();
        await closed.WaitAsync(RawHttpClient.SafetyTimeout);
        chat.Time.Advance(Grace - TimeSpan.FromSeconds(1));
        Assert.IsFalse(left.IsCompleted, "still within the grace period");
        Assert.AreEqual(2, chat.Server.OnlineUsers.Count);
        chat.Time.Advance(TimeSpan.FromSeconds(1));

        var leave = await left.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual("alice", leave.User.Name);
        Assert.AreEqual(ChatLeaveReason.Disconnected, leave.LeaveReason);
        StringAssert.Contains(await bobChat.ReadStreamUntilAsync("alice left (connection lost)."), "alice left");
        Assert.AreEqual(1, chat.Server.OnlineUsers.Count);
    }

    [TestMethod]
    public async Task Reopening_the_chat_within_the_grace_period_is_not_a_leave()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.LeaveGracePeriod = Grace);
        var alice = await chat.LoginAsync("alice");
        var first = await chat.OpenChatAsync(alice, "alice joined.");
        var closed = StreamClosedSignal(chat);

        await first.DisposeAsync();
        await closed.WaitAsync(RawHttpClient.SafetyTimeout);
        chat.Time.Advance(TimeSpan.FromSeconds(5));
        await using var reopened = await chat.OpenChatAsync(alice, "alice joined.");
        chat.Time.Advance(Grace * 2);
        chat.Server.PostNotice("still here?");

        var text = await reopened.ReadStreamUntilAsync("still here?");
        Assert.IsFalse(text.Contains("left", StringComparison.Ordinal), text);
        Assert.AreEqual(1, text.Split("alice joined.").Length - 1, "the reopen replays the join once and announces nothing new");
        Assert.AreEqual(1, chat.Server.OnlineUsers.Count);
    }

    [TestMethod]
    public async Task A_session_that_never_opens_its_chat_is_removed_after_the_stream_open_timeout()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.StreamOpenTimeout = TimeSpan.FromSeconds(60));
        var ghost = await chat.LoginAsync("ghost");

        chat.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.AreEqual(200, (await chat.RequestAsync(ChatTestServer.Get($"/talk?sid={ghost}"))).Status);
        chat.Time.Advance(TimeSpan.FromSeconds(1));

        var gone = await chat.RequestAsync(ChatTestServer.Get($"/talk?sid={ghost}"));
        Assert.AreEqual(404, gone.Status);
        StringAssert.Contains(gone.Body, "log in again");
        await chat.LoginAsync("ghost");
    }

    [TestMethod]
    public async Task A_session_without_sign_of_life_expires_but_names_refreshes_keep_it()
    {
        var idle = TimeSpan.FromMinutes(10);
        await using var chat = await ChatTestServer.StartAsync(o => o.SessionIdleTimeout = idle);
        var alice = await chat.LoginAsync("alice");
        var bob = await chat.LoginAsync("bob");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        var left = LeftSignal(chat);

        for (var minute = 0; minute < 12; minute++)
        {
            chat.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.AreEqual(200, (await chat.RequestAsync(ChatTestServer.Get($"/names?sid={bob}"))).Status);
        }

        var leave = await left.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual("alice", leave.User.Name);
        Assert.AreEqual(ChatLeaveReason.TimedOut, leave.LeaveReason);
        StringAssert.Contains(await bobChat.ReadStreamUntilAsync("alice left (timed out)."), "timed out");
        CollectionAssert.AreEqual(new[] { "bob" }, chat.Server.OnlineUsers.Select(u => u.Name).ToArray());
    }

    [TestMethod]
    public async Task An_idle_chat_stream_gets_keep_alive_comments()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromSeconds(20));
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");
        Assert.IsFalse(reader.StreamText.Contains("<!-- -->", StringComparison.Ordinal));

        chat.Time.Advance(TimeSpan.FromSeconds(20));

        StringAssert.Contains(await reader.ReadStreamUntilAsync("<!-- -->"), "<!-- -->");
    }

    [TestMethod]
    public async Task Stopping_the_server_tells_every_stream_and_closes_it()
    {
        var chat = await ChatTestServer.StartAsync(o => o.ShutdownTimeout = TimeSpan.FromMinutes(1));
        var alice = await chat.LoginAsync("alice");
        var reader = await chat.OpenChatAsync(alice, "alice joined.");
        var left = LeftSignal(chat);

        var stopping = chat.Server.StopAsync();

        Assert.IsTrue(await reader.ReadToEndAsync());
        await reader.DisposeAsync();
        await stopping.WaitAsync(RawHttpClient.SafetyTimeout);
        StringAssert.Contains(reader.StreamText, "shutting down");
        StringAssert.Contains(reader.StreamText, "</html>");
        Assert.AreEqual(ChatLeaveReason.ServerStopped, (await left.WaitAsync(RawHttpClient.SafetyTimeout)).LeaveReason);
        Assert.IsFalse(chat.Server.IsRunning);
    }

    private static Task<ChatUserEventArgs> LeftSignal(ChatTestServer chat)
    {
        var left = new TaskCompletionSource<ChatUserEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.UserLeft += (_, e) => left.TrySetResult(e);
        return left.Task;
    }

    private static Task StreamClosedSignal(ChatTestServer chat)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.Engine!.State.StreamClosed += (ChatSession _) => closed.TrySetResult();
        return closed.Task;
    }
}
