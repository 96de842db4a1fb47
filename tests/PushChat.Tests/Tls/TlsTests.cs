using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Transport;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Tls;

[TestClass]
public sealed partial class TlsTests
{
    [TestMethod]
    public async Task A_user_logs_in_and_receives_a_pushed_line_over_tls()
    {
        await using var chat = await StartAsync();

        var sid = await LoginAsync(chat, "Ann");
        await using var reader = await OpenChatAsync(chat, sid);
        await using var talker = await TlsHttpClient.ConnectAsync(chat.EndPoint, cookies: chat.Cookies);
        Assert.AreEqual(303, (await talker.RequestAsync(ChatTestServer.Post(ChatRoutes.Say, $"sid={sid}&text=over+tls"))).Status);

        await reader.ReadUntilAsync("over tls");
    }

    [TestMethod]
    public async Task Many_lines_said_on_one_kept_alive_connection_all_reach_the_tls_reader_in_order()
    {
        await using var chat = await StartAsync(o =>
        {
            o.MessageFilters.Clear();
            o.Limits.WithoutAddressBudgets();
        });
        var sid = await LoginAsync(chat, "Ann");
        await using var reader = await OpenChatAsync(chat, sid);
        await using var talker = await TlsHttpClient.ConnectAsync(chat.EndPoint, cookies: chat.Cookies);

        for (var i = 0; i < 100; i++)
        {
            Assert.AreEqual(303, (await talker.RequestAsync(ChatTestServer.Post(ChatRoutes.Say, $"sid={sid}&text=line+{i:D3}"))).Status);
        }

        var text = await reader.ReadUntilAsync("line 099");
        var positions = Enumerable.Range(0, 100).Select(i => text.IndexOf($"line {i:D3}", StringComparison.Ordinal)).ToArray();
        Assert.IsTrue(positions.All(p => p >= 0), "every line arrived");
        CollectionAssert.AreEqual(positions.Order().ToArray(), positions, "in the order said");
    }

    [TestMethod]
    public async Task Stopping_the_server_ends_a_tls_stream()
    {
        await using var chat = await StartAsync(o => o.ShutdownTimeout = TimeSpan.FromMinutes(1));
        var sid = await LoginAsync(chat, "Ann");
        var reader = await OpenChatAsync(chat, sid);

        var stopping = chat.Server.StopAsync();

        Assert.IsTrue(await reader.ReadToEndAsync());
        StringAssert.EndsWith(reader.Received, "0\r\n\r\n", "the stream's last chunk arrived before the close");
        await reader.DisposeAsync();
        await stopping.WaitAsync(RawHttpClient.SafetyTimeout);
    }

    [TestMethod]
    public async Task A_connection_closed_by_the_server_ends_with_close_notify()
    {
        await using var chat = await StartAsync();
        await using var client = await TlsHttpClient.ConnectAsync(chat.EndPoint, tap: true, cookies: chat.Cookies);

        await client.SendAsync("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.IsTrue(await client.ReadToEndAsync());
        StringAssert.StartsWith(client.Received, "HTTP/1.1 200");

        // RFC 8446 §6.1 / RFC 5246 §7.2.1: a close-delimited body is only known to be whole when the close is announced.
        Assert.AreEqual(21, client.RecordTypes![^1], $"records: {string.Join(",", client.RecordTypes)}");
    }

    [TestMethod]
    public async Task A_same_origin_form_over_tls_passes_the_cross_site_check()
    {
        await using var chat = await StartAsync();
        var port = chat.EndPoint.Port;
        await using var client = await TlsHttpClient.ConnectAsync(chat.EndPoint, cookies: chat.Cookies);
        var form = "name=Ann&password=";
        var response = await client.RequestAsync(
            $"POST {ChatRoutes.Login} HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: https://localhost:{port}\r\n" +
            $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");

        Assert.AreEqual(303, response.Status, response.Body);
    }

    [TestMethod]
    public async Task Https_answers_carry_hsts_only_when_asked()
    {
        await using (var plainTls = await StartAsync())
        {
            await using var client = await TlsHttpClient.ConnectAsync(plainTls.EndPoint);
            Assert.IsFalse((await client.RequestAsync(ChatTestServer.Get("/"))).Headers.ContainsKey("Strict-Transport-Security"));
        }

        await using var chat = await StartAsync(o => o.HstsMaxAge = TimeSpan.FromDays(180));
        await using var page = await TlsHttpClient.ConnectAsync(chat.EndPoint, cookies: chat.Cookies);
        Assert.AreEqual("max-age=15552000", (await page.RequestAsync(ChatTestServer.Get("/"))).Headers["Strict-Transport-Security"]);

        var sid = await LoginAsync(chat, "Ann");
        await using var reader = await OpenChatAsync(chat, sid);
        StringAssert.Contains(reader.Received, "Strict-Transport-Security: max-age=15552000\r\n", "the stream's head too");
    }

    [TestMethod]
    public async Task Plain_http_to_the_tls_port_is_closed_without_harming_a_tls_reader()
    {
        using var log = new LogRecorder();
        var time = new FakeTimeProvider();
        var options = new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero, Certificate = TestCertificate.Instance };
        await using var server = new ChatServer(options, log.CreateFactory(), time);
        await server.StartAsync();
        var chat = ChatTestServer.Attach(server, time);
        var sid = await LoginAsync(chat, "Ann");
        await using var reader = await OpenChatAsync(chat, sid);

        for (var i = 0; i < 3; i++)
        {
            await using var plain = await chat.ConnectAsync();
            await plain.SendAsync(ChatTestServer.Get("/"));
            Assert.IsTrue(await plain.ReadToEndAsync());
            Assert.DoesNotContain("HTTP/1.1", plain.StreamText, "nothing is answered in plain text");
        }

        await using var talker = await TlsHttpClient.ConnectAsync(chat.EndPoint, cookies: chat.Cookies);
        Assert.AreEqual(303, (await talker.RequestAsync(ChatTestServer.Post(ChatRoutes.Say, $"sid={sid}&text=still+here"))).Status);
        await reader.ReadUntilAsync("still here");

        var failures = log.Entries.Where(e => e.EventId == 95).ToArray();
        Assert.HasCount(1, failures, "one line per interval, however many fail");
        Assert.AreEqual(LogLevel.Debug, failures[0].Level);
    }

    [TestMethod]
    public async Task A_client_that_never_finishes_the_handshake_is_closed_at_the_deadline()
    {
        await using var chat = await StartAsync(o => o.Limits.FirstByteTimeout = TimeSpan.FromSeconds(10));
        var admitted = Admitted(chat);
        await using var stalled = await chat.ConnectAsync();

        // The first bytes of a TLS record carrying a ClientHello, and then nothing.
        await stalled.SendAsync(new byte[] { 0x16, 0x03, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00 });
        await admitted;
        chat.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.AreEqual(1, chat.Server.Connections!.Count, "still within the time");

        chat.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.IsTrue(await stalled.ReadToEndAsync());
        Assert.AreEqual(string.Empty, stalled.StreamText, "closed without a plain-text answer");
    }

    [TestMethod]
    public async Task A_connection_over_the_cap_is_closed_without_a_plain_text_answer()
    {
        await using var chat = await StartAsync(o => o.Limits.MaxConnections = 1);
        await using var first = await TlsHttpClient.ConnectAsync(chat.EndPoint, cookies: chat.Cookies);

        await using var second = await chat.ConnectAsync();

        Assert.IsTrue(await second.ReadToEndAsync());
        Assert.AreEqual(string.Empty, second.StreamText, "a TLS client could not read a plain 503");
        Assert.AreEqual(200, (await first.RequestAsync(ChatTestServer.Get("/health"))).Status);
    }

    [TestMethod]
    public async Task The_redirect_port_answers_308_to_the_same_path_over_https()
    {
        await using var chat = await StartAsync(o => o.HttpRedirectPort = 0);
        var redirect = chat.Server.HttpRedirectEndPoint!;
        Assert.AreNotEqual(chat.EndPoint.Port, redirect.Port);

        foreach (var request in new[] { $"GET /room?sid=x&a=b HTTP/1.1\r\nHost: localhost:{redirect.Port}\r\n\r\n", $"POST /room?sid=x&a=b HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n" })
        {
            await using var client = await RawHttpClient.ConnectAsync(redirect);
            await client.SendAsync(request);
            var response = await client.ReadResponseAsync();
            Assert.AreEqual(308, response.Status);
            Assert.AreEqual($"https://localhost:{chat.EndPoint.Port}/room?sid=x&a=b", response.Headers["Location"]);
        }

        await using var other = await RawHttpClient.ConnectAsync(redirect);
        await other.SendAsync("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n");
        var refused = await other.ReadResponseAsync();
        Assert.AreEqual(421, refused.Status);
        Assert.IsFalse(refused.Headers.ContainsKey("Location"));
    }

    [TestMethod]
    public void Tls_options_are_checked_at_start()
    {
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(TestCertificate.Instance.RawData);
        var failures = Internal.Infrastructure.ChatServerOptionsValidator.Failures(new ChatServerOptions { Certificate = publicOnly });
        Assert.IsTrue(failures.Any(f => f.Contains("private key", StringComparison.Ordinal)), string.Join("\n", failures));

        failures = Internal.Infrastructure.ChatServerOptionsValidator.Failures(new ChatServerOptions { HstsMaxAge = TimeSpan.FromDays(1), HttpRedirectPort = 8080 });
        Assert.HasCount(2, failures, string.Join("\n", failures));

        failures = Internal.Infrastructure.ChatServerOptionsValidator.Failures(new ChatServerOptions { Certificate = TestCertificate.Instance, HstsMaxAge = TimeSpan.FromSeconds(-1), HttpRedirectPort = 9148 });
        Assert.HasCount(2, failures, string.Join("\n", failures));
    }

    private static Task<ChatTestServer> StartAsync(Action<ChatServerOptions>? configure = null) =>
        ChatTestServer.StartAsync(o =>
        {
            o.Certificate = TestCertificate.Instance;
            configure?.Invoke(o);
        });

    private static async Task<string> LoginAsync(ChatTestServer chat, string name)
    {
        await using var client = await TlsHttpClient.ConnectAsync(chat.EndPoint, cookies: chat.Cookies);
        var response = await client.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, $"name={name}&password="));
        Assert.AreEqual(303, response.Status, response.Body);
        return SessionInLocation().Match(response.Headers["Location"]).Groups[1].Value;
    }

    private static async Task<TlsHttpClient> OpenChatAsync(ChatTestServer chat, string sid)
    {
        var reader = await TlsHttpClient.ConnectAsync(chat.EndPoint, cookies: chat.Cookies);
        await reader.SendAsync(ChatTestServer.Get($"{ChatRoutes.Chat}?sid={sid}"));
        await reader.ReadUntilAsync("role=\"log\"");
        StringAssert.Contains(reader.Received, "Transfer-Encoding: chunked");
        return reader;
    }

    private static Task Admitted(ChatTestServer chat)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.Connections!.Added += (HttpConnection _) => done.TrySetResult();
        return done.Task.WaitAsync(RawHttpClient.SafetyTimeout);
    }

    [GeneratedRegex("sid=([A-Za-z0-9_-]+)")]
    private static partial Regex SessionInLocation();
}
