using Microsoft.Extensions.Logging;
using PushChat.Internal.Infrastructure;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Moderation;

namespace PushChat.Tests.Security;

/// <summary>Text a user typed never starts a new log line or hides in control characters.</summary>
[TestClass]
public sealed class LogForgingTests
{
    private const string Forged = "enough\r\n2026-12-07 info: PushChat[75] root did Ban on carl\u0085\u2028\u001b[31m";

    [TestMethod]
    public void Control_characters_in_user_text_are_escaped_where_it_is_logged()
    {
        var recorder = new LogRecorder();
        using var factory = recorder.CreateFactory();
        var logger = factory.CreateLogger("test");

        Log.Moderated(logger, "root\n", ChatModerationAction.Kick, "bob\r", "Lob\nby", null, Forged);
        Log.UserJoined(logger, "mal\nlory", "Den\u0000");
        Log.RoomOpened(logger, "Den\r\nx", "olga\t");
        Log.ModerationRefused(logger, "carl\n", ChatRole.Guest, ChatModerationAction.Ban, "bob\n", "Lobby\n");
        Log.LoginRefused(logger, "eve\r\nforged", System.Net.IPAddress.Loopback, 0);
        Log.UserMoved(logger, "eve\u202E", "Lobby", "Den");

        foreach (var (_, _, message) in recorder.Entries)
        {
            Assert.IsFalse(message.Any(c => (char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029' or '\u202E'), "a control character reached the log: " + message);
        }

        var moderated = recorder.Entries.Single(e => e.EventId == 75).Message;
        StringAssert.Contains(moderated, @"enough\u000D\u000A2026-12-07 info");
        StringAssert.Contains(moderated, @"\u0085\u2028\u001B[31m");
        StringAssert.Contains(moderated, @"root\u000A did Kick on bob\u000D in Lob\u000Aby");
        StringAssert.Contains(recorder.Entries.Single(e => e.EventId == 20).Message, @"mal\u000Alory joined Den\u0000");
    }

    [TestMethod]
    public void Text_without_control_characters_is_logged_unchanged()
    {
        var recorder = new LogRecorder();
        using var factory = recorder.CreateFactory();

        Log.Moderated(factory.CreateLogger("test"), "root", ChatModerationAction.Mute, "bob", "Lobby", null, "spam \\u000A, 中文 and tabs\tstay");

        var message = recorder.Entries.Single().Message;
        StringAssert.StartsWith(message, "root did Mute on bob in Lobby, until ");
        StringAssert.EndsWith(message, ": spam \\u000A, 中文 and tabs\tstay");
    }

    [TestMethod]
    public async Task A_moderation_reason_with_a_line_break_is_refused_and_forges_no_log_line()
    {
        using var recorder = new LogRecorder();
        using var factory = recorder.CreateFactory();
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("root", ModerationSetup.Password, ChatRole.Admin), default);
        var time = new FakeTimeProvider();
        await using var server = new ChatServer(new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero, UserStore = users }, factory, time);
        await server.StartAsync();
        var chat = ChatTestServer.Attach(server, time);
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var r = rootChat;
        await using var b = bobChat;

        var refused = await chat.SayAsync(root, "/kick bob " + Forged);

        Assert.AreEqual(400, refused.Status, refused.Body);
        StringAssert.Contains(refused.Body, "control characters");
        Assert.IsFalse(recorder.Entries.Any(e => e.EventId == 75), "nothing was done, so nothing is logged");
        Assert.IsNotNull(chat.Server.Engine!.Sessions.Find(bob), "bob stays");
    }
}
