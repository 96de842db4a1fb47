using PushChat.LoadClient.Streams;

namespace PushChat.Tests.LoadClient;

/// <summary>The load client's frames to the server: masked, in the length form the payload needs (RFC 6455 §5.2, §5.3).</summary>
[TestClass]
public sealed class ClientFrameTests
{
    [TestMethod]
    [DataRow(0, 2)]
    [DataRow(125, 2)]
    [DataRow(126, 4)]
    [DataRow(65535, 4)]
    [DataRow(65536, 10)]
    public void A_frame_is_masked_with_its_key_in_the_length_form_its_payload_needs(int payloadLength, int lengthBytes)
    {
        var payload = Enumerable.Range(0, payloadLength).Select(i => (byte)i).ToArray();
        var key = new byte[] { 0x11, 0x22, 0x33, 0x44 };

        var frame = ClientFrame.Encode(ClientFrame.Text, payload, key);

        Assert.IsTrue(WebSocketFrameHeader.TryRead(frame, out var header));
        Assert.AreEqual(new WebSocketFrameHeader(Fin: true, Reserved: 0, Opcode: ClientFrame.Text, Masked: true, PayloadLength: payloadLength, Length: lengthBytes + 4), header);
        Assert.AreEqual(header.Length + payloadLength, frame.Length);
        CollectionAssert.AreEqual(key, frame.AsSpan(lengthBytes, 4).ToArray());
        var unmasked = frame.Skip(header.Length).Select((b, i) => (byte)(b ^ key[i % 4])).ToArray();
        CollectionAssert.AreEqual(payload, unmasked);
    }

    [TestMethod]
    public void Each_frame_gets_a_fresh_mask_key()
    {
        // RFC 6455 §5.3: the key must not be predictable; two frames sharing one are suspicious.
        var keys = Enumerable.Range(0, 8).Select(_ => Convert.ToHexString(ClientFrame.Encode(ClientFrame.Pong, new byte[] { 1 }).AsSpan(2, 4))).ToHashSet();

        Assert.IsTrue(keys.Count > 1, "eight frames, one key");
    }
}
