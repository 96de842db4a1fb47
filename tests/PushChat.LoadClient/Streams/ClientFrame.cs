using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PushChat.LoadClient.Streams;

/// <summary>
/// Frames the client sends (RFC 6455 §5.2): always final, always masked with a fresh key, as
/// §5.3 requires of every client frame (a server closes an unmasked one with 1002).
/// </summary>
internal static class ClientFrame
{
    public const int Text = 0x1;
    public const int Close = 0x8;
    public const int Ping = 0x9;
    public const int Pong = 0xA;

    public static byte[] Encode(int opcode, ReadOnlySpan<byte> payload)
    {
        Span<byte> key = stackalloc byte[4];
        RandomNumberGenerator.Fill(key);
        return Encode(opcode, payload, key);
    }

    public static byte[] Encode(int opcode, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> maskKey)
    {
        var lengthBytes = payload.Length switch { <= 125 => 0, <= ushort.MaxValue => 2, _ => 8 };
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        switch (lengthBytes)
        {
            case 0:
                frame[1] = (byte)(0x80 | payload.Length);
                break;
            case 2:
                frame[1] = 0x80 | 126;
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
                break;
            default:
                frame[1] = 0x80 | 127;
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
                break;
        }

        var keyAt = 2 + lengthBytes;
        maskKey.Slice(0, 4).CopyTo(frame.AsSpan(keyAt));
        var body = frame.AsSpan(keyAt + 4);
        for (var i = 0; i < payload.Length; i++)
        {
            body[i] = (byte)(payload[i] ^ maskKey[i & 3]);
        }

        return frame;
    }
}
