using System;
using System.Buffers.Binary;
using System.Text;

namespace PushChat.Internal.WebSockets;

/// <summary>Writes the server's frames (RFC 6455, section 5.2): whole, unmasked, as servers send them.</summary>
internal static class WebSocketFrameWriter
{
    private const int MaxCloseReasonBytes = 123;

    /// <summary>How many header bytes a frame of <paramref name="payloadLength"/> bytes has.</summary>
    public static int HeaderLength(long payloadLength) => payloadLength switch
    {
        < 126 => 2,
        <= ushort.MaxValue => 4,
        _ => 10,
    };

    /// <summary>Writes the header of a final frame; returns its length.</summary>
    public static int WriteHeader(Span<byte> destination, WebSocketOpcode opcode, long payloadLength)
    {
        destination[0] = (byte)(0x80 | (byte)opcode);
        switch (HeaderLength(payloadLength))
        {
            case 2:
                destination[1] = (byte)payloadLength;
                return 2;
            case 4:
                destination[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2), (ushort)payloadLength);
                return 4;
            default:
                destination[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(2), (ulong)payloadLength);
                return 10;
        }
    }

    /// <summary>A whole final frame.</summary>
    public static byte[] Frame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderLength(payload.Length) + payload.Length];
        var header = WriteHeader(frame, opcode, payload.Length);
        payload.CopyTo(frame.AsSpan(header));
        return frame;
    }

    /// <summary>
    /// A whole unmasked text frame. Items are framed once with it and the same bytes go to every
    /// WebSocket reader as they are (<c>IPushTransport.Deliver</c>).
    /// </summary>
    public static byte[] TextFrame(ReadOnlySpan<byte> payload) => Frame(WebSocketOpcode.Text, payload);

    /// <summary>A close frame with a code and a reason, cut at a character boundary to fit a control frame.</summary>
    public static byte[] Close(ushort code, string reason)
    {
        var text = Encoding.UTF8.GetBytes(reason);
        var length = Math.Min(text.Length, MaxCloseReasonBytes);
        while (length < text.Length && length > 0 && (text[length] & 0xC0) == 0x80)
        {
            length--;
        }

        var payload = new byte[2 + length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        Array.Copy(text, 0, payload, 2, length);
        return Frame(WebSocketOpcode.Close, payload);
    }
}
