using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Moderation;

/// <summary>Privileged acts and refused attempts are logged for the audit trail, without session ids.</summary>
[TestClass]
public sealed class ModerationLogTests
{
    [TestMethod]
    public async Task A_kick_is_logged_as_information_and_a_refused_ban_as_a_warning_without_session_ids()
    {
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("root", ModerationSetup.Password, ChatRole.Admin), default);
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var time = new FakeTimeProvider();
        var server = new ChatServer(new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero, UserStore = users }, factory, time);
        await server.StartAsync();
        await using var chat = ChatTestServer.Attach(server, time);
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        var (carl, carlChat) = await ModerationSetup.EnterAsync(chat, "carl");
        await using var r = rootChat;
        await using var b = bobChat;
        await using var c = carlChat;

        Assert.AreEqual(403, (await chat.SayAsync(carl, "/ban bob 1h")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(root, "/kick bob enough")).Status);

        var entries = logs.Entries.ToArray();
        var kick = entries.Single(e => e.Id == 75);
        Assert.AreEqual(LogLevel.Information, kick.Level);
        StringAssert.Contains(kick.Text, "root did Kick on bob in Lobby");
        StringAssert.Contains(kick.Text, "enough");
        var refusal = entries.Single(e => e.Id == 76);
        Assert.AreEqual(LogLevel.Warning, refusal.Level);
        StringAssert.Contains(refusal.Text, "carl (Guest) was refused Ban on bob");
        foreach (var entry in entries)
        {
            foreach (var sid in new[] { root, bob, carl })
            {
                Assert.DoesNotContain(sid, entry.Text);
            }

            Assert.DoesNotContain(ModerationSetup.Password, entry.Text);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<(int Id, LogLevel Level, string Text)> _entries = new();

        public IEnumerable<(int Id, LogLevel Level, string Text)> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
