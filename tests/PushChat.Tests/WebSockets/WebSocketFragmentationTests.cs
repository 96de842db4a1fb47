using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>Fragmented messages (Autobahn TestSuite, category 5).</summary>
[TestClass]
public sealed class WebSocketFragmentationTests
{
    [TestMethod]
    [DataRow((byte)WebSocketOpcode.Ping, DisplayName = "5.1 ping")]
    [DataRow((byte)WebSocketOpcode.Pong, DisplayName = "5.2 pong")]
    public async Task A_fragmented_control_frame_closes_with_1002(byte opcode)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Masked(opcode, "frag"u8.ToArray(), fin: false), .. Frames.Masked((byte)WebSocketOpcode.Continuation, "ment"u8.ToArray())]);

        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    public async Task Empty_fragments_without_end_close_with_1009_instead_of_filling_memory()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();
        var flood = new List<byte>(Frames.Text("a", fin: false));
        for (var i = 0; i < 5000; i++)
        {
            flood.AddRange(Frames.Continuation(string.Empty, fin: false));
        }

        await client.SendAsync([.. flood]);

        await client.ExpectCloseAsync(1009);
    }

    [TestMethod]
    public async Task A_text_message_in_two_fragments_in_one_write_is_echoed_whole()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("frag", fin: false), .. Frames.Continuation("ment")]);

        Assert.AreEqual("fragment", await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task A_text_message_in_two_fragments_in_two_writes_is_echoed_whole()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(Frames.Text("frag", fin: false));
        await client.SendAsync(Frames.Continuation("ment"));

        Assert.AreEqual("fragment", await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task A_ping_between_fragments_is_answered_before_the_message()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("frag", fin: false), .. Frames.Masked(WebSocketOpcode.Ping, "p"u8.ToArray()), .. Frames.Continuation("ment")]);

        Assert.AreEqual("p", (await client.ExpectFrameAsync(WebSocketOpcode.Pong)).Text);
        Assert.AreEqual("fragment", await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task A_pong_between_fragments_is_ignored()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("frag", fin: false), .. Frames.Masked(WebSocketOpcode.Pong, "p"u8.ToArray()), .. Frames.Continuation("ment")]);

        Assert.AreEqual("fragment", await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task Fragments_and_pings_sent_one_byte_at_a_time_come_out_right()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendInPiecesAsync([.. Frames.Text("fr", fin: false), .. Frames.Masked(WebSocketOpcode.Ping, "1"u8.ToArray()), .. Frames.Continuation("ag", fin: false), .. Frames.Masked(WebSocketOpcode.Ping, "2"u8.ToArray()), .. Frames.Continuation("ment")], 1);

        Assert.AreEqual("1", (await client.ExpectFrameAsync(WebSocketOpcode.Pong)).Text);
        Assert.AreEqual("2", (await client.ExpectFrameAsync(WebSocketOpcode.Pong)).Text);
        Assert.AreEqual("fragment", await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task A_message_in_one_byte_fragments_is_echoed_whole()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();
        var text = "one byte at a time";

        await client.SendAsync(text.Select((c, i) => i == 0 ? Frames.Text(c.ToString(), fin: false) : Frames.Continuation(c.ToString(), fin: i == text.Length - 1)).SelectMany(f => f).ToArray());

        Assert.AreEqual(text, await client.ExpectTextAsync());
    }

    [TestMethod]
    public async Task Empty_fragments_are_joined()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("", fin: false), .. Frames.Continuation("x", fin: false), .. Frames.Continuation("")]);

        Assert.AreEqual("x", await client.ExpectTextAsync());
    }

    [TestMethod]
    [DataRow(true, DisplayName = "5.9 final continuation")]
    [DataRow(false, DisplayName = "5.12 unfinished continuation")]
    public async Task A_continuation_without_a_message_closes_with_1002(bool fin)
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Continuation("orphan", fin), .. Frames.Text("next")]);

        await client.ExpectCloseAsync(1002);
        Assert.IsEmpty(server.Single().Texts);
    }

    [TestMethod]
    public async Task A_continuation_after_a_whole_message_closes_with_1002()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("whole"), .. Frames.Continuation("more")]);

        Assert.AreEqual("whole", await client.ExpectTextAsync());
        await client.ExpectCloseAsync(1002);
    }

    [TestMethod]
    public async Task A_new_message_before_the_last_one_ended_closes_with_1002()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Text("frag", fin: false), .. Frames.Text("new")]);

        await client.ExpectCloseAsync(1002);
        Assert.IsEmpty(server.Single().Texts);
    }

    [TestMethod]
    public async Task A_fragmented_binary_message_closes_with_1003()
    {
        await using var server = WebSocketTestServer.Start();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. Frames.Masked(WebSocketOpcode.Binary, [1], fin: false), .. Frames.Masked(WebSocketOpcode.Continuation, [2])]);

        await client.ExpectCloseAsync(1003);
    }
}
