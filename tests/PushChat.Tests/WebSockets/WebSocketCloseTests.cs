using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>The close handshake (Autobahn TestSuite, category 7), from the client and from the server.</summary>
[TestClass]
public sealed class WebSocketCloseTests
{
    [TestMethod]
    [DataRow(1000)]
    [DataRow(1001)]
    [DataRow(1002)]
    [DataRow(1003)]
    [DataRow(1007)]
    [DataRow(1008)]
    [DataRow(1009)]
    [DataRow(1010)]
    [DataRow(1011)]
    [DataRow(1012)]
    [DataRow(1013)]
    [DataRow(1014)]
    [DataRow(3000)]
    [DataRow(3999)]
    [DataRow(4000)]
    [DataRow(4999)]
    public async Task A_close_with_a_valid_code_is_answered_with_it_and_the_connection_ends(int code)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Close(code, "bye"));

        await client.ExpectCloseAsync(code);
        await client.DisposeAsync();
        await server.Single().Closed.WaitAsync(Infrastructure.RawHttpClient.SafetyTimeout);
        Assert.AreEqual(1, server.Single().ClosedCount);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(999)]
    [DataRow(1004)]
    [DataRow(1005)]
    [DataRow(1006)]
    [DataRow(1015)]
    [DataRow(1016)]
    [DataRow(1100)]
    [DataRow(2000)]
    [DataRow(2999)]
    [DataRow(5000)]
    [DataRow(65535)]
    public async Task A_close_with_a_code_that_may_not_be_sent_closes_with_1002(int code)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Close(code));

        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    public async Task A_close_without_payload_is_answered_with_1000()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Close, []);

        await client.ExpectCloseAsync(1000);
    }

    [TestMethod]
    public async Task A_close_of_one_byte_closes_with_1002()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Close, [0x03]);

        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    public async Task A_close_with_the_longest_reason_is_answered()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Close(1000, new string('r', 123)));

        await client.ExpectCloseAsync(1000);
    }

    [TestMethod]
    public async Task A_close_whose_reason_makes_it_too_long_closes_with_1002()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Close(1000, new string('r', 124)));

        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    public async Task A_close_whose_reason_is_not_utf8_closes_with_1007()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Close, [0x03, 0xE8, 0xCE, 0xBA, 0xED, 0xA0, 0x80]);

        await client.ExpectCloseAsync(1007);
    }

    [TestMethod]
    public async Task A_second_close_is_not_answered()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Close(1000), .. Frames.Close(1001)]);

        await client.ExpectCloseAsync(1000);
    }

    [TestMethod]
    public async Task A_ping_after_the_close_gets_no_pong()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Close(1000), .. Frames.Masked(WebSocketOpcode.Ping, "late"u8.ToArray())]);

        await client.ExpectCloseAsync(1000);
    }

    [TestMethod]
    public async Task A_message_after_the_close_is_not_echoed()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("before"), .. Frames.Close(1000), .. Frames.Text("after")]);

        Assert.AreEqual("before", await client.ExpectTextAsync());
        await client.ExpectCloseAsync(1000);
        Assert.AreEqual("before", string.Join(",", server.Single().Texts));
    }

    [TestMethod]
    public async Task A_close_in_the_middle_of_a_fragmented_message_is_answered_and_the_message_dropped()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("frag", fin: false), .. Frames.Close(1000), .. Frames.Continuation("ment")]);

        await client.ExpectCloseAsync(1000);
        Assert.IsEmpty(server.Single().Texts);
    }

    [TestMethod]
    public async Task Garbage_after_the_close_ends_the_connection_quietly()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Close(1000), .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))]);

        await client.ExpectCloseAsync(1000);
        await client.DisposeAsync();
        await server.Single().Closed.WaitAsync(Infrastructure.RawHttpClient.SafetyTimeout);
    }

    [TestMethod]
    public async Task The_servers_close_is_sent_once_and_the_clients_answer_ends_the_connection()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        server.Single().Socket.Close(WebSocketCloseCode.GoingAway, "The server is stopping.");
        server.Single().Socket.Close(WebSocketCloseCode.Normal, "again");

        var close = await client.ExpectFrameAsync(WebSocketOpcode.Close);
        Assert.AreEqual(1001, close.CloseCode);
        Assert.AreEqual("The server is stopping.", System.Text.Encoding.UTF8.GetString(close.Payload.AsSpan(2)));
        Assert.IsFalse(server.Single().Socket.SendText("late"u8), "nothing is sent after the close frame");
        await client.SendAsync(Frames.Close(1001));
        await client.ExpectEndAsync();
        await client.DisposeAsync();
        await server.Single().Closed.WaitAsync(Infrastructure.RawHttpClient.SafetyTimeout);
        Assert.AreEqual(1, server.Single().ClosedCount);
    }

    [TestMethod]
    public async Task A_client_that_never_answers_the_servers_close_is_cut_after_the_close_timeout()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        server.Single().Socket.Close(WebSocketCloseCode.PolicyViolation, "kicked");
        Assert.AreEqual(1008, (await client.ExpectFrameAsync(WebSocketOpcode.Close)).CloseCode);
        await client.SendTextAsync("ignored while closing");
        server.Time.Advance(WebSocketLimits.Default.CloseTimeout);

        await client.ExpectEndAsync();
        Assert.IsEmpty(server.Single().Texts);
    }

    [TestMethod]
    public async Task A_client_that_disconnects_without_a_close_is_told_once()
    {
        await using var server = WebSocketTestServer.Start();
        var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Text("half", fin: false));
        await client.DisposeAsync();

        await server.Single().Closed.WaitAsync(Infrastructure.RawHttpClient.SafetyTimeout);
        Assert.AreEqual(1, server.Single().ClosedCount);
        server.Single().Socket.Close(WebSocketCloseCode.GoingAway, "after the end");
        Assert.IsFalse(server.Single().Socket.SendText("x"u8));
    }
}
