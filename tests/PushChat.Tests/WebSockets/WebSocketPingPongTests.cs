using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>Pings and pongs (Autobahn TestSuite, category 2) and the idle rules that use them.</summary>
[TestClass]
public sealed class WebSocketPingPongTests
{
    [TestMethod]
    public async Task A_ping_without_payload_gets_an_empty_pong()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Ping, []);

        Assert.IsEmpty((await client.ExpectFrameAsync(WebSocketOpcode.Pong)).Payload);
    }

    [TestMethod]
    public async Task A_ping_with_125_bytes_of_binary_gets_them_back()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();
        var payload = Enumerable.Range(0, 125).Select(i => (byte)(255 - i)).ToArray();

        await client.SendFrameAsync(WebSocketOpcode.Ping, payload);

        CollectionAssert.AreEqual(payload, (await client.ExpectFrameAsync(WebSocketOpcode.Pong)).Payload);
    }

    [TestMethod]
    public async Task A_ping_of_126_bytes_closes_with_1002()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Ping, new byte[126]);

        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    public async Task A_ping_sent_one_byte_at_a_time_gets_its_pong()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendInPiecesAsync(Frames.Masked(WebSocketOpcode.Ping, "Hello, world!"u8.ToArray()), 1);

        Assert.AreEqual("Hello, world!", (await client.ExpectFrameAsync(WebSocketOpcode.Pong)).Text);
    }

    [TestMethod]
    [DataRow(0, DisplayName = "2.7 without payload")]
    [DataRow(20, DisplayName = "2.8 with payload")]
    public async Task An_unsolicited_pong_gets_no_answer(int length)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Pong, new byte[length]);
        await client.SendTextAsync("after");

        Assert.AreEqual("after", await client.ExpectTextAsync(), "the echo is the next frame: the pong was not answered");
    }

    [TestMethod]
    public async Task Ten_pings_in_one_write_get_ten_pongs_in_order()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Enumerable.Range(0, 10).SelectMany(i => Frames.Masked(WebSocketOpcode.Ping, [(byte)i])).ToArray());

        for (var i = 0; i < 10; i++)
        {
            CollectionAssert.AreEqual(new[] { (byte)i }, (await client.ExpectFrameAsync(WebSocketOpcode.Pong)).Payload);
        }
    }

    [TestMethod]
    public async Task The_server_pings_a_client_silent_for_the_ping_interval()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        server.Time.Advance(TimeSpan.FromSeconds(29));
        await client.SendTextAsync("still here");
        Assert.AreEqual("still here", await client.ExpectTextAsync());
        server.Time.Advance(TimeSpan.FromSeconds(30));

        await client.ExpectFrameAsync(WebSocketOpcode.Ping);
    }

    [TestMethod]
    public async Task A_client_silent_for_the_idle_timeout_is_closed_with_1001()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        server.Time.Advance(TimeSpan.FromSeconds(30));
        await client.ExpectFrameAsync(WebSocketOpcode.Ping);
        server.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.AreEqual(1001, (await client.ExpectFrameAsync(WebSocketOpcode.Close)).CloseCode);
        server.Time.Advance(WebSocketLimits.Default.CloseTimeout);
        await client.ExpectEndAsync();
    }

    [TestMethod]
    public async Task A_pong_to_the_servers_ping_keeps_the_connection()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        server.Time.Advance(TimeSpan.FromSeconds(30));
        var ping = await client.ExpectFrameAsync(WebSocketOpcode.Ping);
        await client.SendFrameAsync(WebSocketOpcode.Pong, ping.Payload);
        await client.SendTextAsync("answered");
        Assert.AreEqual("answered", await client.ExpectTextAsync());
        server.Time.Advance(TimeSpan.FromSeconds(30));

        await client.ExpectFrameAsync(WebSocketOpcode.Ping);
        await client.SendTextAsync("open");
        Assert.AreEqual("open", await client.ExpectTextAsync(), "pinged again, not closed");
    }
}
