using System;

namespace PushChat.Internal.Transport;

/// <summary>
/// The HTTP/1.1 chunk framing of body bytes (RFC 9112 §7.1): the size in hex and a line end before
/// them, a line end after. A pushed item carries its bytes framed once, for every reader; bytes
/// queued unframed are framed as they are copied into a write.
/// </summary>
internal static class ChunkFraming
{
    /// <summary>The most framing one chunk adds: its size in hex (an int is at most 8 digits) and two line ends.</summary>
    public const int MaxBytes = 8 + 2 + 2;

    /// <summary>The line end that closes a chunk, shared by every write that needs it.</summary>
    public static readonly byte[] CrLf = { (byte)'\r', (byte)'\n' };

    /// <summary>How many bytes <paramref name="payloadLength"/> bytes take framed as one chunk.</summary>
    public static int FramedLength(int payloadLength) => HexDigits(payloadLength) + 2 + payloadLength + 2;

    /// <summary>A new array holding <paramref name="payload"/> framed as one chunk; empty for an empty payload, whose chunk would end the body.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return Array.Empty<byte>();
        }

        var framed = new byte[FramedLength(payload.Length)];
        var length = WriteHeader(payload.Length, framed);
        payload.CopyTo(framed.AsSpan(length));
        CrLf.CopyTo(framed.AsSpan(length + payload.Length));
        return framed;
    }

    /// <summary>The payload of a chunk framed by <see cref="Frame"/>, without copying it.</summary>
    public static ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> framed)
    {
        if (framed.IsEmpty)
        {
            return framed;
        }

        var span = framed.Span;
        var header = span.IndexOf((byte)'\r') + 2;
        return framed.Slice(header, framed.Length - header - 2);
    }

    /// <summary>Writes a chunk's header (size in lower-case hex, line end) for <paramref name="payloadLength"/> bytes; returns its length.</summary>
    public static int WriteHeader(int payloadLength, Span<byte> destination)
    {
        var digits = HexDigits(payloadLength);
        var value = payloadLength;
        for (var i = digits - 1; i >= 0; i--)
        {
            destination[i] = (byte)"0123456789abcdef"[value & 0xF];
            value >>= 4;
        }

        destination[digits] = (byte)'\r';
        destination[digits + 1] = (byte)'\n';
        return digits + 2;
    }

    private static int HexDigits(int value)
    {
        var digits = 1;
        for (var rest = value >> 4; rest != 0; rest >>= 4)
        {
            digits++;
        }

        return digits;
    }
}
