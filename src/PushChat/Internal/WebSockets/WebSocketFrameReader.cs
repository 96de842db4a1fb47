using System;
using System.Buffers;
using System.Buffers.Binary;

namespace PushChat.Internal.WebSockets;

/// <summary>
/// Reads client frames (RFC 6455, section 5.2) from received bytes, incrementally: a frame is taken
/// only once all of it has arrived. Refuses what a client must not send: unmasked frames, reserved
/// bits (no extension is negotiated), unknown opcodes, fragmented or long control frames, and frames
/// larger than the limit, each with the close code the RFC names.
/// </summary>
internal sealed class WebSocketFrameReader
{
    private const int MaxControlPayload = 125;

    private readonly long _maxFrameBytes;

    /// <param name="maxFrameBytes">The largest payload one frame may carry; a larger one closes with 1009.</param>
    public WebSocketFrameReader(long maxFrameBytes) => _maxFrameBytes = maxFrameBytes;

    /// <summary>Takes one whole frame from the front of <paramref name="buffer"/>; false when more bytes are needed.</summary>
    /// <exception cref="WebSocketProtocolException">The bytes break the protocol or the limit.</exception>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, out WebSocketFrame frame)
    {
        frame = default;
        Span<byte> head = stackalloc byte[14];
        if (buffer.Length < 2)
        {
            return false;
        }

        buffer.Slice(0, 2).CopyTo(head);
        var isFinal = (head[0] & 0x80) != 0;
        if ((head[0] & 0x70) != 0)
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.ProtocolError, "Reserved bits are set, but no extension was agreed.");
        }

        var opcode = (WebSocketOpcode)(head[0] & 0x0F);
        var isControl = ((byte)opcode & 0x8) != 0;
        if (opcode is not (WebSocketOpcode.Continuation or WebSocketOpcode.Text or WebSocketOpcode.Binary or WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong))
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.ProtocolError, $"Unknown opcode {(int)opcode}.");
        }

        if ((head[1] & 0x80) == 0)
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.ProtocolError, "Frames from a client must be masked.");
        }

        var length7 = head[1] & 0x7F;
        var lengthBytes = length7 switch { 126 => 2, 127 => 8, _ => 0 };
        var headerLength = 2 + lengthBytes + 4;
        if (isControl && (!isFinal || length7 > MaxControlPayload))
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.ProtocolError, "A control frame must be whole and carry at most 125 bytes.");
        }

        if (buffer.Length < headerLength)
        {
            return false;
        }

        buffer.Slice(0, headerLength).CopyTo(head);
        var length = lengthBytes switch
        {
            2 => BinaryPrimitives.ReadUInt16BigEndian(head.Slice(2)),
            8 => (long)BinaryPrimitives.ReadUInt64BigEndian(head.Slice(2)),
            _ => length7,
        };
        if (length < 0 || length > _maxFrameBytes)
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.MessageTooBig, $"A frame may carry at most {_maxFrameBytes} bytes.");
        }

        if (buffer.Length - headerLength < length)
        {
            return false;
        }

        var payload = new byte[length];
        buffer.Slice(headerLength, length).CopyTo(payload);
        Unmask(payload, head.Slice(2 + lengthBytes, 4));
        buffer = buffer.Slice(headerLength + length);
        frame = new WebSocketFrame(isFinal, opcode, payload);
        return true;
    }

    private static void Unmask(byte[] payload, ReadOnlySpan<byte> mask)
    {
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] ^= mask[i & 3];
        }
    }
}
