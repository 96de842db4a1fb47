using PushChat.Authentication;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Security;

[TestClass]
public sealed class RefusalLogTests
{
    [TestMethod]
    public async Task A_flood_of_refused_logins_logs_a_line_every_few_seconds_with_the_count()
    {
        using var log = new LogRecorder();
        var time = new FakeTimeProvider();
        var options = new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero, Authenticator = new RefuseEveryone() };
        options.Limits.MaxLoginFailures = 0;
        options.Limits.MaxLoginsPerAddressPerMinute = 0;
        await using var server = new ChatServer(options, log.CreateFactory(), time);
        await server.StartAsync();
        var chat = ChatTestServer.Attach(server, time);

        for (var i = 0; i < 200; i++)
        {
            Assert.AreEqual(403, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, $"name=user{i}&password=x"))).Status);
        }

        time.Advance(TimeSpan.FromSeconds(11));
        Assert.AreEqual(403, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=late&password=x"))).Status);

        var lines = log.Entries.Where(e => e.EventId == 22).Select(e => e.Message).ToArray();
        Assert.HasCount(2, lines, string.Join("\n", lines));
        StringAssert.Contains(lines[0], "(0 more refused since the last report)");
        StringAssert.Contains(lines[1], "Login refused for late");
        StringAssert.Contains(lines[1], "(199 more refused since the last report)");
    }

    private sealed class RefuseEveryone : IAuthenticator
    {
        public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AuthenticationResult.Failure("No."));
    }
}
