using System.Buffers.Binary;

namespace PushChat.LoadClient.Streams;

/// <summary>
/// A WebSocket frame's header (RFC 6455 §5.2): FIN, the reserved bits, the opcode, whether a mask
/// key follows, the payload length in whichever of its three forms, and how many bytes the header
/// itself takes (2 to 14).
/// </summary>
internal readonly record struct WebSocketFrameHeader(bool Fin, int Reserved, int Opcode, bool Masked, long PayloadLength, int Length)
{
    /// <summary>How long a header is, from its second byte: the mask bit and the length's form.</summary>
    public static int LengthOf(byte second) => 2 + ((second & 0x7F) switch { 126 => 2, 127 => 8, _ => 0 }) + ((second & 0x80) != 0 ? 4 : 0);

    /// <summary>Reads a header at the start of <paramref name="data"/>; false while not all of it is there.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out WebSocketFrameHeader header)
    {
        header = default;
        if (data.Length < 2)
        {
            return false;
        }

        var length = LengthOf(data[1]);
        if (data.Length < length)
        {
            return false;
        }

        var shortLength = data[1] & 0x7F;
        long payloadLength = shortLength switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2)),
            127 => (long)BinaryPrimitives.ReadUInt64BigEndian(data.Slice(2)),
            _ => shortLength,
        };
        if (payloadLength < 0)
        {
            throw new InvalidDataException("A WebSocket frame's 64-bit length has its most significant bit set (RFC 6455 §5.2).");
        }

        header = new WebSocketFrameHeader(
            Fin: (data[0] & 0x80) != 0,
            Reserved: (data[0] >> 4) & 0x7,
            Opcode: data[0] & 0x0F,
            Masked: (data[1] & 0x80) != 0,
            PayloadLength: payloadLength,
            Length: length);
        return true;
    }
}
