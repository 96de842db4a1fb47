using System.Net;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Budgets;

/// <summary>
/// What one client address may take of the chat, with the default limits. Other loopback
/// addresses (127.0.0.2, bound before connecting) are other clients.
/// </summary>
[TestClass]
public sealed class AddressBudgetTests
{
    private static readonly IPAddress Crowd = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.2");

    [TestMethod]
    public async Task One_address_that_filled_its_session_budget_is_refused_while_another_logs_in()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var readers = new List<RawHttpClient>();
        try
        {
            for (var i = 0; i < 16; i++)
            {
                readers.Add((await chat.EnterAsync($"crowd{i}", Crowd)).Chat);
            }

            var refused = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=crowd16&password="), Crowd);
            Assert.AreEqual(503, refused.Status, refused.Body);
            StringAssert.Contains(refused.Body, "Too many people are in the chat from your network");

            await chat.LoginAsync("neighbour", from: Other);
            Assert.AreEqual(16, chat.Server.OnlineUsers.Count);
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }

    [TestMethod]
    public async Task Sessions_that_never_opened_their_chat_are_few_per_address_and_go_soon()
    {
        await using var chat = await ChatTestServer.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            await chat.LoginAsync($"ghost{i}", from: Crowd);
        }

        var refused = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=ghost4&password="), Crowd);
        Assert.AreEqual(503, refused.Status, refused.Body);
        StringAssert.Contains(refused.Body, "have not opened their chat yet");
        await chat.LoginAsync("neighbour", from: Other);

        chat.Time.Advance(TimeSpan.FromSeconds(15));
        await chat.LoginAsync("ghost4", from: Crowd);
    }

    [TestMethod]
    public async Task A_session_that_never_opens_its_chat_is_gone_after_15_seconds_by_default()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ghost = await chat.LoginAsync("ghost");

        chat.Time.Advance(TimeSpan.FromSeconds(14));
        Assert.AreEqual(200, (await chat.RequestAsync(ChatTestServer.Get($"/talk?sid={ghost}"))).Status);
        chat.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.AreEqual(404, (await chat.RequestAsync(ChatTestServer.Get($"/talk?sid={ghost}"))).Status);
    }

    [TestMethod]
    public async Task Logins_from_one_address_are_limited_per_minute()
    {
        await using var chat = await ChatTestServer.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            var sid = await chat.LoginAsync($"visitor{i}", from: Crowd);
            await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={sid}"), Crowd);
        }

        var refused = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=visitor20&password="), Crowd);
        Assert.AreEqual(429, refused.Status, refused.Body);
        StringAssert.Contains(refused.Body, "Too many logins from your network");
        await chat.LoginAsync("neighbour", from: Other);

        chat.Time.Advance(TimeSpan.FromMinutes(1));
        await chat.LoginAsync("visitor20", from: Crowd);
    }

    [TestMethod]
    public async Task Lines_from_all_sessions_of_one_address_share_a_budget()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (alice, aliceChat) = await chat.EnterAsync("alice", Crowd);
        var (bob, bobChat) = await chat.EnterAsync("bob", Crowd);
        var (carol, carolChat) = await chat.EnterAsync("carol", Crowd);
        var (dave, daveChat) = await chat.EnterAsync("dave", Other);
        await using var readers = new Readers(aliceChat, bobChat, carolChat, daveChat);

        for (var i = 0; i < 5; i++)
        {
            Assert.AreEqual(303, (await chat.SayAsync(alice, $"alice {i}", Crowd)).Status);
            Assert.AreEqual(303, (await chat.SayAsync(bob, $"bob {i}", Crowd)).Status);
        }

        var refused = await chat.SayAsync(carol, "carol 0", Crowd);
        Assert.AreEqual(429, refused.Status, refused.Body);
        StringAssert.Contains(refused.Body, "Too many messages come from your network");
        Assert.AreEqual(303, (await chat.SayAsync(dave, "dave 0", Other)).Status);

        chat.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.AreEqual(303, (await chat.SayAsync(carol, "carol 1", Crowd)).Status);
        var text = await daveChat.ReadStreamUntilAsync("carol 1");
        Assert.IsFalse(text.Contains("carol 0", StringComparison.Ordinal), text);
    }

    [TestMethod]
    public async Task Refusals_by_an_address_budget_are_logged_once_per_interval_with_the_limit_and_the_address()
    {
        using var log = new LogRecorder();
        var time = new FakeTimeProvider();
        await using var server = new ChatServer(new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero }, log.CreateFactory(), time);
        await server.StartAsync();
        var chat = ChatTestServer.Attach(server, time);
        for (var i = 0; i < 4; i++)
        {
            await chat.LoginAsync($"ghost{i}", from: Crowd);
        }

        for (var i = 4; i < 10; i++)
        {
            Assert.AreEqual(503, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, $"name=ghost{i}&password="), Crowd)).Status);
        }

        var lines = log.Entries.Where(e => e.EventId == 90).Select(e => e.Message).ToArray();
        Assert.HasCount(1, lines, string.Join("\n", lines));
        StringAssert.Contains(lines[0], "127.0.0.1");
        StringAssert.Contains(lines[0], "MaxUnopenedSessionsPerAddress");
        Assert.DoesNotContain("ghost", lines[0]);
    }

    private sealed class Readers(params RawHttpClient[] clients) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
