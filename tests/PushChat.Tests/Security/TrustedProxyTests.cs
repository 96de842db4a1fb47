using System.Net;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Security;

[TestClass]
public sealed class TrustedProxyTests
{
    [TestMethod]
    public async Task Behind_a_trusted_proxy_the_client_is_the_last_untrusted_forwarded_address()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.TrustedProxies.Add("127.0.0.1");
            o.TrustedProxies.Add("10.0.0.0/8");
        });

        var sid = await LoginThroughAsync(chat, "ann", "X-Forwarded-For: 198.51.100.1, 203.0.113.9, 10.1.2.3\r\n");

        Assert.AreEqual(IPAddress.Parse("203.0.113.9"), chat.Server.Engine!.Sessions.Find(sid)!.RemoteAddress, "the client's own claim (198.51.100.1) is not believed");
    }

    [TestMethod]
    public async Task Without_trusted_proxies_a_forwarded_address_is_ignored()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var sid = await LoginThroughAsync(chat, "ann", "X-Forwarded-For: 203.0.113.9\r\n");

        Assert.AreEqual(IPAddress.Loopback, chat.Server.Engine!.Sessions.Find(sid)!.RemoteAddress);
    }

    [TestMethod]
    [DataRow("203.0.113.9:4711", "203.0.113.9")]
    [DataRow("[2001:db8::7]:4711", "2001:db8::7")]
    [DataRow("2001:db8::7", "2001:db8::7")]
    [DataRow("garbage, 203.0.113.9", "203.0.113.9")]
    [DataRow("203.0.113.9, garbage", "127.0.0.1")]
    [DataRow("", "127.0.0.1")]
    public void Forwarded_entries_are_read_as_proxies_write_them(string header, string client)
    {
        var proxies = new TrustedProxies(["127.0.0.1"]);
        var request = PushChat.Tests.Http.ParserHarness.ParseWhole($"GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: {header}\r\n\r\n");

        Assert.AreEqual(IPAddress.Parse(client), proxies.ClientOf(request, new IPEndPoint(IPAddress.Loopback, 5000)).Address);
    }

    [TestMethod]
    public async Task Trusted_proxies_must_be_addresses_or_ranges()
    {
        var options = new ChatServerOptions { Port = 0 };
        options.TrustedProxies.Add("proxy.example");
        options.TrustedProxies.Add("10.0.0.0/33");
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "TrustedProxies entry 'proxy.example'");
        StringAssert.Contains(error.Message, "TrustedProxies entry '10.0.0.0/33'");
    }

    [TestMethod]
    public async Task Behind_a_proxy_on_loopback_a_hundred_visitors_all_open_their_chat_streams()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.TrustedProxies.Add("127.0.0.1"));
        var streams = new List<RawHttpClient>();
        try
        {
            for (var i = 0; i < 100; i++)
            {
                var forwardedFor = $"X-Forwarded-For: 203.0.113.{i + 1}\r\n";
                var (sid, cookie) = await LoginThroughWithCookieAsync(chat, $"v{i}", forwardedFor);
                var stream = await chat.ConnectAsync();
                streams.Add(stream);
                await stream.SendAsync($"GET {ChatRoutes.Chat}?sid={sid} HTTP/1.1\r\nHost: localhost\r\n{forwardedFor}{cookie}\r\n");
                var head = await stream.ReadResponseAsync();
                Assert.AreEqual(200, head.Status, $"stream {i + 1} through the proxy: {head.Body}");
                await stream.ReadStreamUntilAsync($"v{i} joined.");
            }

            Assert.AreEqual(100, chat.Server.OnlineUsers.Count);
            Assert.IsGreaterThanOrEqualTo(100, chat.Server.Connections!.CountOf(IPAddress.Loopback), "the proxy holds every stream");
            Assert.AreEqual(1, chat.Server.Connections.CountOf(IPAddress.Parse("203.0.113.100")), "each visitor counts its own stream");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [TestMethod]
    public async Task An_idle_proxy_connection_does_not_count_against_the_visitor_it_last_carried()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.TrustedProxies.Add("127.0.0.1");
            o.Limits.WithoutAddressBudgets();
        });
        var visitor = "X-Forwarded-For: 198.51.100.7\r\n";
        var held = new List<RawHttpClient>();
        try
        {
            // A proxy's keep-alive pool: every connection carried one request of the visitor, then waits.
            for (var i = 0; i < 70; i++)
            {
                var pooled = await chat.ConnectAsync();
                held.Add(pooled);
                Assert.AreEqual(200, (await HealthAsync(pooled, visitor)).Status, $"pooled connection {i + 1} of 70");
            }

            await using (var next = await chat.ConnectAsync())
            {
                Assert.AreEqual(200, (await HealthAsync(next, visitor)).Status, "the visitor holds no open stream, so it still gets in");
            }

            Assert.AreEqual(0, chat.Server.Connections!.CountOf(IPAddress.Parse("198.51.100.7")), "idle pooled connections count for nobody");

            var sessions = new List<string>();
            for (var i = 0; i < 65; i++)
            {
                sessions.Add((await LoginThroughWithCookieAsync(chat, $"v{i}", visitor)).Sid);
            }

            // Streams are held for as long as they are open: the visitor's 65th is one too many.
            for (var i = 0; i < 65; i++)
            {
                var sid = sessions[i];
                var stream = await chat.ConnectAsync();
                held.Add(stream);
                await stream.SendAsync($"GET {ChatRoutes.Chat}?sid={sid} HTTP/1.1\r\nHost: localhost\r\n{visitor}\r\n");
                var head = await stream.ReadResponseAsync();
                if (i < 64)
                {
                    Assert.AreEqual(200, head.Status, $"stream {i + 1} of the visitor: {head.Body}");
                    await stream.ReadStreamUntilAsync($"v{i} joined.");
                }
                else
                {
                    Assert.AreEqual(503, head.Status, "the visitor's 65th open stream");
                    Assert.AreEqual("10", head.Headers["Retry-After"]);
                    Assert.AreEqual("close", head.Headers["Connection"]);
                }
            }

            Assert.AreEqual(64, chat.Server.Connections.CountOf(IPAddress.Parse("198.51.100.7")));
            Assert.AreEqual(200, (await HealthAsync(held[0], "X-Forwarded-For: 198.51.100.8\r\n")).Status, "another visitor, on a pooled connection of the same proxy");
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [TestMethod]
    public async Task A_forwarded_clients_places_come_back_when_its_streams_close()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.TrustedProxies.Add("127.0.0.1");
            o.Limits.WithoutAddressBudgets();
            o.Limits.MaxConnectionsPerAddress = 2;
        });
        var mallory = "X-Forwarded-For: 198.51.100.7\r\n";
        var sessions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add((await LoginThroughWithCookieAsync(chat, $"m{i}", mallory)).Sid);
        }

        await using (var first = await chat.ConnectAsync())
        await using (var second = await chat.ConnectAsync())
        await using (var third = await chat.ConnectAsync())
        {
            Assert.AreEqual(200, (await StreamThroughAsync(first, sessions[0], mallory)).Status);
            Assert.AreEqual(200, (await StreamThroughAsync(second, sessions[1], mallory)).Status);
            Assert.AreEqual(503, (await StreamThroughAsync(third, sessions[2], mallory)).Status);
        }

        await Engine.ShutdownTests.AllClosedAsync(chat.Server.Connections!);

        Assert.AreEqual(0, chat.Server.Connections!.CountOf(IPAddress.Parse("198.51.100.7")));
        await using var again = await chat.ConnectAsync();
        Assert.AreEqual(200, (await StreamThroughAsync(again, sessions[2], mallory)).Status);
    }

    [TestMethod]
    public async Task A_loopback_chat_cannot_trust_only_proxies_on_other_machines()
    {
        var options = new ChatServerOptions { Port = 0, ListenAddress = "127.0.0.1" };
        options.TrustedProxies.Add("10.0.0.5");
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "the proxy could never connect");
    }

    [TestMethod]
    public void Proxy_setups_whose_caps_cannot_work_are_warned_about()
    {
        var capped = new ChatServerOptions();
        capped.TrustedProxies.Add("127.0.0.1");
        capped.Limits.MaxConnectionsPerTrustedProxy = 64;
        var bypassed = new ChatServerOptions { ListenAddress = "0.0.0.0" };
        bypassed.TrustedProxies.Add("127.0.0.1");
        var fine = new ChatServerOptions();
        fine.TrustedProxies.Add("127.0.0.1");
        var lowServerCap = new ChatServerOptions();
        lowServerCap.TrustedProxies.Add("127.0.0.1");
        lowServerCap.Limits.MaxConnections = 50;

        StringAssert.Contains(ChatServerOptionsValidator.Warnings(capped).Single(), "MaxConnectionsPerTrustedProxy (64");
        StringAssert.Contains(ChatServerOptionsValidator.Warnings(bypassed).Single(), "around the proxy");
        Assert.IsEmpty(ChatServerOptionsValidator.Warnings(fine));
        Assert.IsEmpty(ChatServerOptionsValidator.Warnings(new ChatServerOptions()), "no proxy, nothing to warn about");
        Assert.HasCount(1, ChatServerOptionsValidator.Warnings(lowServerCap), "a server cap under the per-address cap leaves the proxy no more than one client");
    }

    [TestMethod]
    public async Task A_warning_about_the_options_is_logged_at_start()
    {
        using var log = new LogRecorder();
        using var factory = log.CreateFactory();
        var options = new ChatServerOptions { Port = 0 };
        options.TrustedProxies.Add("127.0.0.1");
        options.Limits.MaxConnectionsPerTrustedProxy = 10;
        await using var server = new ChatServer(options, factory);

        await server.StartAsync();

        var warning = log.Entries.Single(e => e.EventId == 9);
        Assert.AreEqual(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        StringAssert.Contains(warning.Message, "MaxConnectionsPerTrustedProxy");
    }

    private static async Task<RawResponse> StreamThroughAsync(RawHttpClient connection, string sid, string headers)
    {
        await connection.SendAsync($"GET {ChatRoutes.Chat}?sid={sid} HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n");
        return await connection.ReadResponseAsync();
    }

    private static async Task<RawResponse> HealthAsync(RawHttpClient connection, string headers)
    {
        await connection.SendAsync($"GET /health HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n");
        return await connection.ReadResponseAsync();
    }

    /// <summary>Logs in through the proxy; returns the session and the Cookie header line its browser would send (empty when none was set).</summary>
    private static async Task<(string Sid, string Cookie)> LoginThroughWithCookieAsync(ChatTestServer chat, string name, string headers)
    {
        var form = $"name={name}&password=";
        var response = await chat.RequestAsync($"POST /login HTTP/1.1\r\nHost: localhost\r\n{headers}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");
        Assert.AreEqual(303, response.Status, response.Body);
        var cookie = response.Headers.TryGetValue("Set-Cookie", out var set) ? $"Cookie: {set.Split(';')[0]}\r\n" : string.Empty;
        return (response.Headers["Location"].Split("sid=")[1].Split('&')[0], cookie);
    }

    private static async Task<string> LoginThroughAsync(ChatTestServer chat, string name, string headers)
    {
        var form = $"name={name}&password=";
        var response = await chat.RequestAsync($"POST /login HTTP/1.1\r\nHost: localhost\r\n{headers}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");
        Assert.AreEqual(303, response.Status, response.Body);
        return response.Headers["Location"].Split("sid=")[1];
    }
}
