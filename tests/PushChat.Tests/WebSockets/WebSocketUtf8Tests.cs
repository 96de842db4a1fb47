using System.Text;
using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>UTF-8 in text messages (Autobahn TestSuite, category 6): checked across fragments, refused as soon as it breaks.</summary>
[TestClass]
public sealed class WebSocketUtf8Tests
{
    [TestMethod]
    [DataRow("", DisplayName = "6.1 empty")]
    [DataRow("Hello-µ@ßöäüàá-UTF-8!!", DisplayName = "6.2 two-byte letters")]
    [DataRow("κόσμε", DisplayName = "6.5 Greek")]
    [DataRow("€ 中文", DisplayName = "6.6 three bytes")]
    [DataRow("😀 𝄞", DisplayName = "6.7 four bytes")]
    [DataRow("\u0000\u007F\u0080\u07FF\u0800\uFFFF\U00010000\U0010FFFF", DisplayName = "6.7/6.8 boundaries")]
    [DataRow("\uD7FF\uE000\uFFFD", DisplayName = "6.11 around the surrogates")]
    public async Task Valid_utf8_is_echoed(string text)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendTextAsync(text);

        Assert.AreEqual(text, await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task Valid_utf8_fragmented_at_every_byte_is_echoed()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();
        var bytes = Encoding.UTF8.GetBytes("κόσμε € 😀");

        await client.SendAsync(bytes.Select((b, i) => Frames.Masked(i == 0 ? WebSocketOpcode.Text : WebSocketOpcode.Continuation, [b], fin: i == bytes.Length - 1)).SelectMany(f => f).ToArray());

        Assert.AreEqual("κόσμε € 😀", await client.ExpectTextAsync());
    }

    [TestMethod]
    [DataRow(new byte[] { 0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64 }, DisplayName = "6.3 κόσμε and a surrogate")]
    [DataRow(new byte[] { 0x80 }, DisplayName = "6.9 a lone continuation byte")]
    [DataRow(new byte[] { 0xC0, 0xAF }, DisplayName = "6.17 overlong slash, two bytes")]
    [DataRow(new byte[] { 0xE0, 0x80, 0xAF }, DisplayName = "6.17 overlong slash, three bytes")]
    [DataRow(new byte[] { 0xF0, 0x80, 0x80, 0xAF }, DisplayName = "6.17 overlong slash, four bytes")]
    [DataRow(new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, DisplayName = "6.8 five bytes")]
    [DataRow(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, DisplayName = "6.x above U+10FFFF")]
    [DataRow(new byte[] { 0xED, 0xBF, 0xBF }, DisplayName = "6.19 a low surrogate")]
    [DataRow(new byte[] { 0xFE }, DisplayName = "6.16 FE")]
    [DataRow(new byte[] { 0xFF }, DisplayName = "6.16 FF")]
    [DataRow(new byte[] { 0x61, 0xCE }, DisplayName = "6.x cut in the last character")]
    public async Task Invalid_utf8_closes_with_1007_unechoed(byte[] payload)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendFrameAsync(WebSocketOpcode.Text, payload);

        await client.ExpectCloseAsync(1007);
        Assert.IsEmpty(server.Single().Texts);
    }

    [TestMethod]
    public async Task Invalid_utf8_in_a_first_fragment_closes_at_once_without_waiting_for_the_rest()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Masked(WebSocketOpcode.Text, [0x61, 0xED, 0xA0, 0x80], fin: false));

        await client.ExpectCloseAsync(1007);
    }

    [TestMethod]
    public async Task A_message_whose_last_fragment_ends_in_a_half_character_closes_with_1007()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();
        var euro = Encoding.UTF8.GetBytes("€");

        await client.SendAsync([.. Frames.Masked(WebSocketOpcode.Text, [0x61], fin: false), .. Frames.Masked(WebSocketOpcode.Continuation, euro[..2])]);

        await client.ExpectCloseAsync(1007);
    }
}
