using PushChat.LoadClient.Streams;

namespace PushChat.Tests.LoadClient;

/// <summary>The load client reads a WebSocket frame's header in each of its length forms (RFC 6455 §5.2), and waits for all of it.</summary>
[TestClass]
public sealed class WebSocketFrameHeaderTests
{
    [TestMethod]
    [DataRow(0, 2)]
    [DataRow(125, 2)]
    [DataRow(126, 4)]
    [DataRow(65535, 4)]
    [DataRow(65536, 10)]
    [DataRow(200_000, 10)]
    public void Each_length_form_reads_the_payload_length(int payloadLength, int headerLength)
    {
        var frame = ServerFrames.Frame(0x1, new byte[payloadLength]);

        Assert.IsTrue(WebSocketFrameHeader.TryRead(frame, out var header));
        Assert.AreEqual(new WebSocketFrameHeader(Fin: true, Reserved: 0, Opcode: 0x1, Masked: false, PayloadLength: payloadLength, Length: headerLength), header);

        for (var k = 0; k < headerLength; k++)
        {
            Assert.IsFalse(WebSocketFrameHeader.TryRead(frame.AsSpan(0, k), out _), $"{k} of {headerLength} header bytes");
        }
    }

    [TestMethod]
    public void The_first_byte_gives_fin_reserved_bits_and_opcode_and_a_mask_adds_four_bytes()
    {
        var frame = ServerFrames.Frame(0x0, new byte[300], fin: false, reserved: 0b101, mask: new byte[] { 1, 2, 3, 4 });

        Assert.IsTrue(WebSocketFrameHeader.TryRead(frame, out var header));
        Assert.AreEqual(new WebSocketFrameHeader(Fin: false, Reserved: 0b101, Opcode: 0x0, Masked: true, PayloadLength: 300, Length: 8), header);
        Assert.IsFalse(WebSocketFrameHeader.TryRead(frame.AsSpan(0, 7), out _), "the mask key is part of the header");
    }

    [TestMethod]
    public void A_64_bit_length_with_its_top_bit_set_is_refused()
    {
        // RFC 6455 §5.2: "the most significant bit MUST be 0".
        var frame = new byte[] { 0x81, 127, 0x80, 0, 0, 0, 0, 0, 0, 1 };

        Assert.ThrowsExactly<InvalidDataException>(() => WebSocketFrameHeader.TryRead(frame, out _));
    }
}
