using System.Buffers.Binary;
using System.Text;
using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>Frames as a client writes them.</summary>
internal static class Frames
{
    private static readonly byte[] Mask = { 0x37, 0xfa, 0x21, 0x3d };

    public static byte[] Masked(WebSocketOpcode opcode, byte[] payload, bool fin = true, int rsv = 0) => Masked((byte)opcode, payload, fin, rsv);

    /// <summary>Any opcode, valid or not.</summary>
    public static byte[] Masked(byte opcode, byte[] payload, bool fin = true, int rsv = 0)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | (rsv << 4) | opcode) };
        if (payload.Length < 126)
        {
            header.Add((byte)(0x80 | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header.AddRange(new byte[] { 0xFE, (byte)(payload.Length >> 8), (byte)payload.Length });
        }
        else
        {
            header.Add(0xFF);
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            header.AddRange(length);
        }

        header.AddRange(Mask);
        header.AddRange(payload.Select((b, i) => (byte)(b ^ Mask[i & 3])));
        return header.ToArray();
    }

    public static byte[] Text(string text, bool fin = true) => Masked(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(text), fin);

    public static byte[] Continuation(string text, bool fin = true) => Masked(WebSocketOpcode.Continuation, Encoding.UTF8.GetBytes(text), fin);

    /// <summary>A client's close frame with a code and a reason.</summary>
    public static byte[] Close(int code, string reason = "")
    {
        var payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return Masked(WebSocketOpcode.Close, payload);
    }
}
