using System.Text;
using PushChat.Internal.Transport;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Transport;

[TestClass]
public sealed class HttpConnectionTests
{
    [TestMethod]
    public async Task A_keep_alive_connection_answers_several_requests_and_pipelined_ones_in_order()
    {
        await using var chat = await ChatTestServer.StartAsync();
        await using var client = await chat.ConnectAsync();

        await client.SendAsync(ChatTestServer.Get("/health"));
        var first = await client.ReadResponseAsync();
        await client.SendAsync(ChatTestServer.Get("/health") + ChatTestServer.Get("/nowhere") + ChatTestServer.Get("/style.css"));
        var second = await client.ReadResponseAsync();
        var third = await client.ReadResponseAsync();
        var fourth = await client.ReadResponseAsync();

        Assert.AreEqual("ok\n", first.Body);
        Assert.IsFalse(first.Headers.ContainsKey("Connection"));
        Assert.AreEqual(200, second.Status);
        Assert.AreEqual(404, third.Status);
        Assert.AreEqual("text/css; charset=utf-8", fourth.Headers["Content-Type"]);
    }

    [TestMethod]
    public async Task A_32_KB_head_sent_a_byte_at_a_time_is_answered_and_so_is_the_next_request()
    {
        await using var chat = await ChatTestServer.StartAsync();
        await using var client = await chat.ConnectAsync();
        var fill = string.Concat(Enumerable.Range(0, 8).Select(i => $"X-Fill-{i}: {new string('v', 4000)}\r\n"));

        await SendByteByByteAsync(client, "GET /health HTTP/1.1\r\nHost: localhost\r\n" + fill + "\r\n");
        var first = await client.ReadResponseAsync();
        await SendByteByByteAsync(client, "\r\nGET /style.css HTTP/1.1\r\nHost: localhost\r\nX-Small: 1\r\n\r\n");
        var second = await client.ReadResponseAsync();

        Assert.AreEqual("ok\n", first.Body);
        Assert.AreEqual(200, second.Status);
        Assert.AreEqual("text/css; charset=utf-8", second.Headers["Content-Type"]);
    }

    [TestMethod]
    public async Task Http10_closes_after_the_response_unless_asked_to_keep_alive()
    {
        await using var chat = await ChatTestServer.StartAsync();
        await using var plain = await chat.ConnectAsync();
        await using var keepAlive = await chat.ConnectAsync();

        await plain.SendAsync("GET /health HTTP/1.0\r\n\r\n");
        await keepAlive.SendAsync("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        var closing = await plain.ReadResponseAsync();
        var kept = await keepAlive.ReadResponseAsync();
        await keepAlive.SendAsync("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");

        Assert.AreEqual("HTTP/1.0 200 OK", closing.StatusLine);
        Assert.AreEqual("close", closing.Headers["Connection"]);
        Assert.IsTrue(await plain.ReadToEndAsync());
        Assert.AreEqual("keep-alive", kept.Headers["Connection"]);
        Assert.AreEqual(200, (await keepAlive.ReadResponseAsync()).Status);
    }

    [TestMethod]
    [DataRow("GET /style.css HTTP/1.0\r\n\r\n")]
    [DataRow("GET /style.css HTTP/1.1\r\nHost: localhost\r\n\r\nGET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")]
    public async Task A_client_that_half_closes_after_its_requests_still_gets_every_response(string requests)
    {
        await using var chat = await ChatTestServer.StartAsync();
        await using var client = await chat.ConnectAsync();

        await client.SendAsync(requests);
        client.ShutdownSend();

        var first = await client.ReadResponseAsync();
        Assert.AreEqual(200, first.Status);
        StringAssert.Contains(first.Body, "body.chat");
        if (requests.Contains("/health", StringComparison.Ordinal))
        {
            Assert.AreEqual("ok\n", (await client.ReadResponseAsync()).Body);
        }

        Assert.IsTrue(await client.ReadToEndAsync());
    }

    [TestMethod]
    public async Task An_http10_browser_gets_the_chat_stream_without_chunking()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var client = await chat.ConnectAsync();

        await client.SendAsync($"GET /chat?sid={alice} HTTP/1.0\r\n\r\n");
        var head = await client.ReadResponseAsync();
        chat.Server.PostNotice("plain bytes.");

        Assert.IsFalse(head.Headers.ContainsKey("Transfer-Encoding"));
        Assert.AreEqual("close", head.Headers["Connection"]);
        StringAssert.Contains(await client.ReadStreamUntilAsync("plain bytes."), "alice joined.");
    }

    [TestMethod]
    [DataRow("GARBAGE\r\n\r\n", 400)]
    [DataRow("GET / HTTP/1.1\r\n\r\n", 400)]
    [DataRow("GET / HTTP/1.1\nHost: x\n\n", 400)]
    [DataRow("GET / HTTP/2.0\r\nHost: localhost\r\n\r\n", 505)]
    [DataRow("DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n", 405)]
    [DataRow("GET /say HTTP/1.1\r\nHost: localhost\r\n\r\n", 405)]
    [DataRow("POST /say HTTP/1.1\r\nHost: localhost\r\n\r\n", 404)] // no body is an empty form: no session
    [DataRow("POST /say HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501)]
    [DataRow("POST /say HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n", 400)]
    [DataRow("GET / HTTP/1.1\r\nHost: localhost, evil.example\r\n\r\n", 400)]
    [DataRow("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n", 421)]
    [DataRow("GET http://evil.example/ HTTP/1.1\r\nHost: localhost\r\n\r\n", 421)]
    [DataRow("POST /say HTTP/1.1\r\nHost: localhost\r\nContent-Length: 999999\r\n\r\n", 413)]
    [DataRow("POST /say HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi", 415)]
    [DataRow("POST /say HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n\r\ntext=%", 400)]
    [DataRow("POST /say HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\n\r\ntext=%FF", 400)]
    [DataRow("GET /nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n", 404)]
    [DataRow("GET /talk?sid=unknown HTTP/1.1\r\nHost: localhost\r\n\r\n", 404)]
    public async Task Bad_requests_get_the_right_status_and_a_page_while_others_keep_chatting(string raw, int status)
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");

        var response = await chat.RequestAsync(raw);
        await chat.SayAsync(alice, "still fine");

        Assert.AreEqual(status, response.Status, response.Body);
        Assert.IsTrue(response.Body.Length > 0, "every refusal explains itself");
        StringAssert.Contains(await reader.ReadStreamUntilAsync("still fine"), "still fine");
    }

    [TestMethod]
    [DataRow("GET /health HTTP/1.1\r\nHost: [::1]x\r\n\r\n")]
    [DataRow("POST /say HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n")]
    [DataRow("POST /say HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0 5\r\n\r\n")]
    public async Task A_request_whose_host_or_framing_is_ambiguous_gets_400_and_the_connection_closes(string raw)
    {
        await using var chat = await ChatTestServer.StartAsync();
        await using var client = await chat.ConnectAsync();

        // A second request rides behind the first: a server that misread the framing would answer it too.
        await client.SendAsync(raw + ChatTestServer.Get("/health"));
        var response = await client.ReadResponseAsync();

        Assert.AreEqual(400, response.Status, response.Body);
        Assert.AreEqual("close", response.Headers["Connection"]);
        Assert.IsTrue(await client.ReadToEndAsync());
        Assert.DoesNotContain("HTTP/1.1 200", client.StreamText, "nothing after the refusal is answered");
    }

    [TestMethod]
    public async Task Over_long_request_lines_and_header_blocks_get_414_and_431_and_close()
    {
        await using var chat = await ChatTestServer.StartAsync();
        await using var longLine = await chat.ConnectAsync();
        await using var bigHeaders = await chat.ConnectAsync();

        await longLine.SendAsync("GET /" + new string('a', 9000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        await bigHeaders.SendAsync("GET / HTTP/1.1\r\nHost: localhost\r\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"X-{i}: {new string('v', 200)}\r\n")) + "\r\n");

        var uriTooLong = await longLine.ReadResponseAsync();
        var headersTooLarge = await bigHeaders.ReadResponseAsync();
        Assert.AreEqual(414, uriTooLong.Status);
        Assert.AreEqual("close", uriTooLong.Headers["Connection"]);
        Assert.AreEqual(431, headersTooLarge.Status);
        Assert.IsTrue(await longLine.ReadToEndAsync());
    }

    [TestMethod]
    public async Task A_request_that_does_not_arrive_in_time_gets_408()
    {
        // The same time for the first byte, so the answer is due at 30 s whether or not the bytes were read yet.
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.RequestTimeout = o.Limits.FirstByteTimeout = TimeSpan.FromSeconds(30));
        var admitted = Admitted(chat, 1);
        await using var slow = await chat.ConnectAsync();
        await slow.SendAsync("GET / HTTP/1.1\r\nHo");
        await admitted;

        chat.Time.Advance(TimeSpan.FromSeconds(31));

        var response = await slow.ReadResponseAsync();
        Assert.AreEqual(408, response.Status);
        Assert.AreEqual("close", response.Headers["Connection"]);
    }

    [TestMethod]
    public async Task A_socket_that_sends_nothing_is_closed_after_the_first_byte_timeout()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.FirstByteTimeout = TimeSpan.FromSeconds(10));
        var admitted = Admitted(chat, 1);
        await using var silent = await chat.ConnectAsync();
        await admitted;

        chat.Time.Advance(TimeSpan.FromSeconds(11));

        Assert.AreEqual(408, (await silent.ReadResponseAsync()).Status);
        Assert.IsTrue(await silent.ReadToEndAsync());
    }

    [TestMethod]
    public async Task A_first_byte_sent_late_does_not_restart_the_time_for_the_request()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Limits.FirstByteTimeout = TimeSpan.FromSeconds(30);
            o.Limits.RequestTimeout = TimeSpan.FromSeconds(30);
        });
        var admitted = Admitted(chat, 1);
        await using var slow = await chat.ConnectAsync();
        await admitted;

        chat.Time.Advance(TimeSpan.FromSeconds(29));
        await slow.SendAsync("GET / HTTP/1.1\r\nHo");
        chat.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.AreEqual(408, (await slow.ReadResponseAsync()).Status, "30 s from the accept, not from the first byte");
    }

    [TestMethod]
    public async Task An_idle_keep_alive_connection_is_closed_after_the_keep_alive_timeout()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60));
        await using var idle = await chat.ConnectAsync();
        await idle.SendAsync(ChatTestServer.Get("/health"));
        Assert.AreEqual(200, (await idle.ReadResponseAsync()).Status);

        chat.Time.Advance(TimeSpan.FromSeconds(61));

        Assert.IsTrue(await idle.ReadToEndAsync(), "the server closes the idle connection");
    }

    [TestMethod]
    public async Task Connections_over_the_per_address_cap_get_503()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.MaxConnectionsPerAddress = 2);
        var admitted = Admitted(chat, 2);
        await using var first = await chat.ConnectAsync();
        await using var second = await chat.ConnectAsync();
        await admitted;

        await using var third = await chat.ConnectAsync();
        var refused = await third.ReadResponseAsync();

        Assert.AreEqual(503, refused.Status);
        StringAssert.Contains(refused.Body, "full");
        await first.SendAsync(ChatTestServer.Get("/health"));
        Assert.AreEqual(200, (await first.ReadResponseAsync()).Status);
    }

    [TestMethod]
    public async Task A_reader_that_never_reads_is_cut_off_while_others_receive_everything()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.MaxQueuedBytesPerStream = 64 * 1024);
        var stuck = await chat.LoginAsync("stuck");
        var alice = await chat.LoginAsync("alice");
        await using var stuckReader = await chat.ConnectAsync(receiveBufferSize: 4096);
        await stuckReader.SendAsync(ChatTestServer.Get($"/chat?sid={stuck}"));
        await using var aliceReader = await chat.OpenChatAsync(alice, "alice joined.");
        var stuckClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.Engine!.State.StreamClosed += session =>
        {
            if (session.UserName == "stuck")
            {
                stuckClosed.TrySetResult();
            }
        };

        var filler = new string('x', 4000);
        var posted = 0;
        while (!stuckClosed.Task.IsCompleted)
        {
            Assert.IsTrue(posted < 20_000, "the stuck reader was never cut off");
            chat.Server.PostNotice($"n{posted} {filler}");
            await aliceReader.ReadStreamUntilAsync($"n{posted} ");
            aliceReader.ClearStreamText();
            posted++;
        }

        chat.Server.PostNotice("after the cut.");
        await aliceReader.ReadStreamUntilAsync("after the cut.");
        CollectionAssert.Contains(chat.Server.OnlineUsers.Select(u => u.Name).ToList(), "alice");
    }

    private static Task Admitted(ChatTestServer chat, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        chat.Server.Connections!.Added += (HttpConnection _) =>
        {
            if (Interlocked.Increment(ref seen) >= count)
            {
                done.TrySetResult();
            }
        };
        return done.Task.WaitAsync(RawHttpClient.SafetyTimeout);
    }

    private static async Task SendByteByByteAsync(RawHttpClient client, string raw)
    {
        foreach (var b in Encoding.ASCII.GetBytes(raw))
        {
            await client.SendAsync(new[] { b });
        }
    }

    [TestMethod]
    public async Task A_chunked_post_says_its_line()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");
        var form = $"sid={alice}&text=in%20chunks";

        var response = await chat.RequestAsync(
            "POST /say HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
            + $"{form.Length - 4:x}\r\n{form[..^4]}\r\n4\r\n{form[^4..]}\r\n0\r\n\r\n");

        Assert.AreEqual(303, response.Status, response.Body);
        StringAssert.Contains(await reader.ReadStreamUntilAsync("in chunks"), "alice</b> in chunks");
    }

    [TestMethod]
    public async Task A_loopback_chat_answers_only_for_this_machines_names_unless_told_otherwise()
    {
        await using var strict = await ChatTestServer.StartAsync();
        await using var open = await ChatTestServer.StartAsync(o => o.AllowedHosts.Add("*"));
        await using var listed = await ChatTestServer.StartAsync(o => o.AllowedHosts.Add("Chat.Example"));
        static string Home(string host) => $"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n";

        foreach (var host in new[] { "localhost", "127.0.0.1", "LOCALHOST:9148", $"127.0.0.1:{strict.EndPoint.Port}" })
        {
            Assert.AreEqual(200, (await strict.RequestAsync(Home(host))).Status, host);
        }

        var rebound = await strict.RequestAsync(Home("attacker.example"));
        Assert.AreEqual(421, rebound.Status);
        StringAssert.Contains(rebound.Body, "This chat does not answer for that host name.");
        Assert.AreEqual(200, (await strict.RequestAsync("GET / HTTP/1.0\r\n\r\n")).Status, "an HTTP/1.0 client without a Host names none");
        Assert.AreEqual(200, (await open.RequestAsync(Home("attacker.example"))).Status);
        Assert.AreEqual(200, (await listed.RequestAsync(Home("chat.example:443"))).Status);
        Assert.AreEqual(421, (await listed.RequestAsync(Home("localhost"))).Status, "a list replaces the loopback names");
    }
}
