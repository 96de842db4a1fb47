using System.Buffers.Binary;
using System.Text;

namespace PushChat.Tests.LoadClient;

/// <summary>WebSocket frames as a server sends them (RFC 6455 §5.2), written here independently of the code under test.</summary>
internal static class ServerFrames
{
    public static byte[] Text(string json, bool fin = true) => Frame(0x1, Encoding.UTF8.GetBytes(json), fin);

    public static byte[] Frame(int opcode, byte[] payload, bool fin = true, int reserved = 0, byte[]? mask = null)
    {
        var frame = new List<byte> { (byte)((fin ? 0x80 : 0) | (reserved << 4) | opcode) };
        var maskBit = mask is null ? 0 : 0x80;
        if (payload.Length <= 125)
        {
            frame.Add((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame.Add((byte)(maskBit | 126));
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)payload.Length);
            frame.AddRange(length);
        }
        else
        {
            frame.Add((byte)(maskBit | 127));
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            frame.AddRange(length);
        }

        if (mask is not null)
        {
            frame.AddRange(mask);
            frame.AddRange(payload.Select((b, i) => (byte)(b ^ mask[i % 4])));
        }
        else
        {
            frame.AddRange(payload);
        }

        return frame.ToArray();
    }

    /// <summary>A line item whose text is the benchmark marker padded to make the item <paramref name="length"/> bytes long.</summary>
    public static string LineItem(long sequence, long ticks, int length = 0)
    {
        var item = $"{{\"type\":\"line\",\"log\":\"room\",\"seq\":{sequence},\"kind\":\"public\",\"from\":\"r1\",\"text\":\"@{sequence}.{ticks}.\"}}";
        return length > item.Length ? item.Insert(item.Length - 2, new string('x', length - item.Length)) : item;
    }

    /// <summary>Unmasks a client frame of at most 125 payload bytes; returns its first byte and payload.</summary>
    public static (byte First, byte[] Payload) ReadClientFrame(byte[] frame)
    {
        Assert.AreEqual(0x80, frame[1] & 0x80, "a client frame is masked (RFC 6455 §5.3)");
        var length = frame[1] & 0x7F;
        Assert.IsTrue(length <= 125, "a control frame's payload is at most 125 bytes");
        Assert.AreEqual(2 + 4 + length, frame.Length);
        var mask = frame.AsSpan(2, 4).ToArray();
        return (frame[0], frame.Skip(6).Select((b, i) => (byte)(b ^ mask[i % 4])).ToArray());
    }
}
