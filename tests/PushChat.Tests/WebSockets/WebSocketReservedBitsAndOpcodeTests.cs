using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>Reserved bits and opcodes (Autobahn TestSuite, categories 3 and 4): no extension is agreed, so any is a protocol error.</summary>
[TestClass]
public sealed class WebSocketReservedBitsAndOpcodeTests
{
    [TestMethod]
    [DataRow(1, DisplayName = "3.1 RSV3")]
    [DataRow(2, DisplayName = "3.x RSV2")]
    [DataRow(3, DisplayName = "3.x RSV2 and RSV3")]
    [DataRow(4, DisplayName = "3.x RSV1")]
    [DataRow(5, DisplayName = "3.x RSV1 and RSV3")]
    [DataRow(6, DisplayName = "3.x RSV1 and RSV2")]
    [DataRow(7, DisplayName = "3.7 all three")]
    public async Task A_text_frame_with_a_reserved_bit_closes_with_1002_unechoed(int rsv)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Text, "Hello"u8.ToArray(), rsv: rsv);

        await client.ExpectCloseAsync(1002);
        Assert.IsEmpty(server.Single().Texts);
    }

    [TestMethod]
    public async Task A_valid_message_then_a_reserved_bit_then_a_ping_echoes_closes_and_never_pongs()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("first"), .. Frames.Masked(WebSocketOpcode.Text, "x"u8.ToArray(), rsv: 2), .. Frames.Masked(WebSocketOpcode.Ping, [])]);

        Assert.AreEqual("first", await client.ExpectTextAsync());
        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    public async Task A_ping_with_a_reserved_bit_closes_with_1002()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Ping, "Hello"u8.ToArray(), rsv: 4);

        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    [DataRow(3, DisplayName = "4.1.1 opcode 3")]
    [DataRow(4, DisplayName = "4.1.2 opcode 4")]
    [DataRow(5, DisplayName = "4.1.3 opcode 5")]
    [DataRow(6, DisplayName = "4.1.4 opcode 6")]
    [DataRow(7, DisplayName = "4.1.5 opcode 7")]
    [DataRow(11, DisplayName = "4.2.1 opcode 11")]
    [DataRow(12, DisplayName = "4.2.2 opcode 12")]
    [DataRow(13, DisplayName = "4.2.3 opcode 13")]
    [DataRow(14, DisplayName = "4.2.4 opcode 14")]
    [DataRow(15, DisplayName = "4.2.5 opcode 15")]
    public async Task A_reserved_opcode_closes_with_1002(int opcode)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Masked((byte)opcode, "payload"u8.ToArray()));

        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    public async Task A_valid_message_then_a_reserved_opcode_then_a_ping_echoes_closes_and_never_pongs()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("first"), .. Frames.Masked(5, []), .. Frames.Masked(WebSocketOpcode.Ping, [])]);

        Assert.AreEqual("first", await client.ExpectTextAsync());
        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    public async Task An_unmasked_frame_closes_with_1002()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([0x81, 0x02, (byte)'h', (byte)'i']);

        await client.ExpectCloseAsync(1002);
        Assert.IsEmpty(server.Single().Texts);
    }
}
