using System.Buffers;
using System.Text;
using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

[TestClass]
public sealed class WebSocketFramingTests
{
    private static readonly byte[] Mask = { 0x37, 0xfa, 0x21, 0x3d };

    [TestMethod]
    public void The_handshake_answers_the_rfcs_sample_key()
    {
        Assert.IsTrue(WebSocketHandshake.IsValidKey("dGhlIHNhbXBsZSBub25jZQ=="));
        Assert.AreEqual("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.AcceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
        foreach (var bad in new[] { null, "", "dGhlIHNhbXBsZQ==", "not base64 at all!!!!!!!", "dGhlIHNhbXBsZSBub25jZQ=" })
        {
            Assert.IsFalse(WebSocketHandshake.IsValidKey(bad), bad);
        }
    }

    [TestMethod]
    public void The_rfcs_masked_hello_is_read_as_one_text_frame()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58 });

        Assert.IsTrue(new WebSocketFrameReader(1024).TryRead(ref buffer, out var frame));

        Assert.IsTrue(frame.IsFinal);
        Assert.AreEqual(WebSocketOpcode.Text, frame.Opcode);
        Assert.AreEqual("Hello", Encoding.UTF8.GetString(frame.Payload));
        Assert.AreEqual(0, buffer.Length);
    }

    [TestMethod]
    public void A_frame_is_taken_only_once_all_of_it_arrived_whatever_the_split()
    {
        var bytes = Masked(WebSocketOpcode.Binary, new byte[300], fin: true);
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var reader = new WebSocketFrameReader(1024);
            var partial = new ReadOnlySequence<byte>(bytes, 0, cut);
            Assert.IsFalse(reader.TryRead(ref partial, out _), $"cut at {cut}");
            Assert.AreEqual(cut, partial.Length, "nothing consumed");
        }

        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.IsTrue(new WebSocketFrameReader(1024).TryRead(ref whole, out var frame));
        Assert.AreEqual(300, frame.Payload.Length);
    }

    [TestMethod]
    [DataRow(new byte[] { 0x81, 0x05 }, (ushort)1002, DisplayName = "unmasked")]
    [DataRow(new byte[] { 0xC1, 0x80, 1, 2, 3, 4 }, (ushort)1002, DisplayName = "reserved bit")]
    [DataRow(new byte[] { 0x83, 0x80, 1, 2, 3, 4 }, (ushort)1002, DisplayName = "unknown opcode")]
    [DataRow(new byte[] { 0x09, 0x80, 1, 2, 3, 4 }, (ushort)1002, DisplayName = "fragmented ping")]
    [DataRow(new byte[] { 0x89, 0xFE, 0, 126, 1, 2, 3, 4 }, (ushort)1002, DisplayName = "long ping")]
    [DataRow(new byte[] { 0x82, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 3, 4 }, (ushort)1009, DisplayName = "too big")]
    [DataRow(new byte[] { 0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4 }, (ushort)1009, DisplayName = "negative length")]
    public void A_frame_a_client_must_not_send_closes_with_the_rfcs_code(byte[] bytes, ushort code)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);

        var error = Assert.ThrowsExactly<WebSocketProtocolException>(() => new WebSocketFrameReader(1024).TryRead(ref buffer, out _));

        Assert.AreEqual(code, error.CloseCode);
    }

    [TestMethod]
    public void Fragments_are_joined_and_control_frames_between_them_pass_at_once()
    {
        var assembler = new WebSocketMessageAssembler(1024);

        Assert.IsNull(assembler.Add(new WebSocketFrame(false, WebSocketOpcode.Text, Encoding.UTF8.GetBytes("Hel"))));
        var ping = assembler.Add(new WebSocketFrame(true, WebSocketOpcode.Ping, new byte[] { 1 }));
        var message = assembler.Add(new WebSocketFrame(true, WebSocketOpcode.Continuation, Encoding.UTF8.GetBytes("lo")));

        Assert.AreEqual(WebSocketOpcode.Ping, ping!.Value.Opcode);
        Assert.AreEqual(WebSocketOpcode.Text, message!.Value.Opcode);
        Assert.AreEqual("Hello", Encoding.UTF8.GetString(message.Value.Payload));
    }

    [TestMethod]
    public void A_character_split_across_fragments_is_valid_but_bad_utf8_closes_with_1007()
    {
        var euro = Encoding.UTF8.GetBytes("€");
        var assembler = new WebSocketMessageAssembler(1024);
        Assert.IsNull(assembler.Add(new WebSocketFrame(false, WebSocketOpcode.Text, euro[..1])));
        Assert.AreEqual("€", Encoding.UTF8.GetString(assembler.Add(new WebSocketFrame(true, WebSocketOpcode.Continuation, euro[1..]))!.Value.Payload));

        foreach (var bad in new[] { new byte[] { 0xC0, 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xFF } })
        {
            var error = Assert.ThrowsExactly<WebSocketProtocolException>(() => new WebSocketMessageAssembler(1024).Add(new WebSocketFrame(true, WebSocketOpcode.Text, bad)));
            Assert.AreEqual(WebSocketCloseCode.InvalidPayload, error.CloseCode, BitConverter.ToString(bad));
        }

        var cut = Assert.ThrowsExactly<WebSocketProtocolException>(() => new WebSocketMessageAssembler(1024).Add(new WebSocketFrame(true, WebSocketOpcode.Text, euro[..2])));
        Assert.AreEqual(WebSocketCloseCode.InvalidPayload, cut.CloseCode, "ends in the middle of a character");
        var early = new WebSocketMessageAssembler(1024);
        early.Add(new WebSocketFrame(false, WebSocketOpcode.Text, new byte[] { 0x61 }));
        Assert.ThrowsExactly<WebSocketProtocolException>(() => early.Add(new WebSocketFrame(false, WebSocketOpcode.Continuation, new byte[] { 0xC0 })), "refused at once, before the message ends");
    }

    [TestMethod]
    public void Fragmentation_out_of_order_and_messages_over_the_limit_are_refused()
    {
        Assert.AreEqual(WebSocketCloseCode.ProtocolError, Assert.ThrowsExactly<WebSocketProtocolException>(() =>
            new WebSocketMessageAssembler(1024).Add(new WebSocketFrame(true, WebSocketOpcode.Continuation, new byte[1]))).CloseCode);
        var interleaved = new WebSocketMessageAssembler(1024);
        interleaved.Add(new WebSocketFrame(false, WebSocketOpcode.Binary, new byte[1]));
        Assert.AreEqual(WebSocketCloseCode.ProtocolError, Assert.ThrowsExactly<WebSocketProtocolException>(() =>
            interleaved.Add(new WebSocketFrame(true, WebSocketOpcode.Text, new byte[1]))).CloseCode);
        var big = new WebSocketMessageAssembler(10);
        big.Add(new WebSocketFrame(false, WebSocketOpcode.Binary, new byte[6]));
        Assert.AreEqual(WebSocketCloseCode.MessageTooBig, Assert.ThrowsExactly<WebSocketProtocolException>(() =>
            big.Add(new WebSocketFrame(true, WebSocketOpcode.Continuation, new byte[6]))).CloseCode);
    }

    [TestMethod]
    public void A_close_frame_must_carry_a_code_a_client_may_send_and_a_utf8_reason()
    {
        Assert.IsNotNull(new WebSocketMessageAssembler(10).Add(new WebSocketFrame(true, WebSocketOpcode.Close, Array.Empty<byte>())));
        Assert.IsNotNull(new WebSocketMessageAssembler(10).Add(new WebSocketFrame(true, WebSocketOpcode.Close, new byte[] { 0x03, 0xE8, 0x6F, 0x6B })));
        foreach (var bad in new[] { new byte[] { 0x03 }, new byte[] { 0x03, 0xED }, new byte[] { 0x03, 0xEE }, new byte[] { 0x03, 0xE8, 0xFF } })
        {
            Assert.ThrowsExactly<WebSocketProtocolException>(() => new WebSocketMessageAssembler(10).Add(new WebSocketFrame(true, WebSocketOpcode.Close, bad)), BitConverter.ToString(bad));
        }
    }

    [TestMethod]
    public void Server_frames_are_unmasked_with_the_shortest_length_and_a_close_reason_fits_a_control_frame()
    {
        Assert.AreEqual("81-02-68-69", BitConverter.ToString(WebSocketFrameWriter.Frame(WebSocketOpcode.Text, "hi"u8)));
        var medium = WebSocketFrameWriter.Frame(WebSocketOpcode.Binary, new byte[126]);
        Assert.AreEqual("82-7E-00-7E", BitConverter.ToString(medium, 0, 4));
        var large = WebSocketFrameWriter.Frame(WebSocketOpcode.Binary, new byte[70000]);
        Assert.AreEqual("82-7F-00-00-00-00-00-01-11-70", BitConverter.ToString(large, 0, 10));

        var close = WebSocketFrameWriter.Close(WebSocketCloseCode.GoingAway, new string('é', 100));
        Assert.AreEqual(0x88, close[0]);
        Assert.IsTrue(close[1] <= 125, "a control frame carries at most 125 bytes");
        Assert.AreEqual(1001, (close[2] << 8) | close[3]);
        Assert.AreEqual(new string('é', 61), Encoding.UTF8.GetString(close, 4, close[1] - 2), "cut at a character boundary");
    }

    private static byte[] Masked(WebSocketOpcode opcode, byte[] payload, bool fin)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | (byte)opcode) };
        if (payload.Length < 126)
        {
            header.Add((byte)(0x80 | payload.Length));
        }
        else
        {
            header.AddRange(new byte[] { 0xFE, (byte)(payload.Length >> 8), (byte)payload.Length });
        }

        header.AddRange(Mask);
        header.AddRange(payload.Select((b, i) => (byte)(b ^ Mask[i & 3])));
        return header.ToArray();
    }
}
