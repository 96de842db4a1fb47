using System.Text;
using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>
/// The opening handshake and basic framing over a real socket (Autobahn TestSuite, category 1),
/// and the limits (category 9).
/// </summary>
[TestClass]
public sealed class WebSocketFramingCaseTests
{
    [TestMethod]
    public async Task The_upgrade_is_answered_101_with_the_keys_accept()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await WebSocketTestClient.ConnectAsync(server.EndPoint);

        var response = await client.HandshakeAsync();

        Assert.AreEqual(101, response.Status);
        Assert.AreEqual("websocket", response.Headers["Upgrade"]);
        Assert.AreEqual("Upgrade", response.Headers["Connection"]);
        Assert.AreEqual("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.Headers["Sec-WebSocket-Accept"]);
        Assert.IsFalse(response.Headers.ContainsKey("Sec-WebSocket-Extensions"), "no extension is agreed");
    }

    [TestMethod]
    public async Task An_upgrade_from_another_sites_page_is_refused_with_403()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await WebSocketTestClient.ConnectAsync(server.EndPoint);

        var response = await client.HandshakeAsync("Origin: http://evil.example\r\n");

        Assert.AreEqual(403, response.Status);
        Assert.IsEmpty(server.Sockets);
    }

    [TestMethod]
    [DataRow(0, DisplayName = "1.1.1 empty")]
    [DataRow(125, DisplayName = "1.1.2 125 bytes")]
    [DataRow(126, DisplayName = "1.1.3 126 bytes")]
    [DataRow(127, DisplayName = "1.1.4 127 bytes")]
    [DataRow(128, DisplayName = "1.1.5 128 bytes")]
    [DataRow(65535, DisplayName = "1.1.6 65535 bytes")]
    [DataRow(65536, DisplayName = "1.1.7 65536 bytes")]
    public async Task A_text_message_of_any_length_class_is_echoed(int length)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();
        var text = new string('*', length);

        await client.SendTextAsync(text);

        Assert.AreEqual(text, await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task A_text_frame_sent_one_byte_at_a_time_is_echoed()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendInPiecesAsync(Frames.Text(new string('x', 300)), 1);

        Assert.AreEqual(new string('x', 300), await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task A_frame_riding_with_the_handshake_is_echoed()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await WebSocketTestClient.ConnectAsync(server.EndPoint);

        var response = await client.HandshakeAsync(after: Frames.Text("early"));

        Assert.AreEqual(101, response.Status);
        Assert.AreEqual("early", await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task Many_messages_in_one_write_are_echoed_in_order()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Enumerable.Range(0, 500).SelectMany(i => Frames.Text("m" + i)).ToArray());

        for (var i = 0; i < 500; i++)
        {
            Assert.AreEqual("m" + i, await client.ExpectTextAsync());
        }
    }

    [TestMethod]
    public async Task A_binary_message_closes_with_1003_as_the_chat_takes_text_only()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Binary, new byte[] { 1, 2, 3 });

        await client.ExpectCloseAsync(1003);
    }

    [TestMethod]
    public async Task A_message_of_exactly_the_limit_is_echoed_in_fragments()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Text(new string('a', 32 * 1024), fin: false).Concat(Frames.Continuation(new string('b', 32 * 1024))).ToArray());

        Assert.AreEqual(64 * 1024, (await client.ExpectTextAsync()).Length);
    }

    [TestMethod]
    public async Task A_frame_over_the_limit_closes_with_1009()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendTextAsync(new string('a', 64 * 1024 + 1));

        await client.ExpectCloseAsync(1009);
    }

    [TestMethod]
    public async Task Fragments_over_the_limit_together_close_with_1009()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Text(new string('a', 40 * 1024), fin: false).Concat(Frames.Continuation(new string('b', 30 * 1024))).ToArray());

        await client.ExpectCloseAsync(1009);
    }

    [TestMethod]
    public async Task A_header_announcing_a_huge_frame_closes_with_1009_without_waiting_for_it()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(new byte[] { 0x81, 0xFF, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4 });

        await client.ExpectCloseAsync(1009);
    }

    [TestMethod]
    public async Task A_configured_message_limit_applies()
    {
        await using var server = WebSocketTestServer.Start(new WebSocketLimits { MaxMessageBytes = 10 });
        await using var client = await server.ConnectAsync();

        await client.SendTextAsync("0123456789");
        Assert.AreEqual("0123456789", await client.ExpectTextAsync());
        await client.SendTextAsync("0123456789A");

        await client.ExpectCloseAsync(1009);
    }

    [TestMethod]
    public void A_text_frame_built_for_many_readers_is_unmasked_and_whole()
    {
        Assert.AreEqual("81-05-68-65-6C-6C-6F", BitConverter.ToString(WebSocketFrameWriter.TextFrame(Encoding.UTF8.GetBytes("hello"))));
    }
}
