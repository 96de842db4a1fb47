using System;

namespace PushChat.Internal.Transport;

/// <summary>Copies a write's segments into one buffer, each run of body bytes as one chunk (RFC 9112 §7.1).</summary>
internal static class ChunkFraming
{
    /// <summary>The most framing one chunk adds: its size in hex (an int is at most 8 digits) and two line ends.</summary>
    public const int MaxBytes = 8 + 2 + 2;

    private static readonly byte[] CrLf = { (byte)'\r', (byte)'\n' };

    /// <summary>Copies the batch into one buffer, wrapping each run of body bytes in one chunk (RFC 9112 §7.1).</summary>
    public static int Frame(OutboundSegment[] batch, int count, byte[] buffer)
    {
        var length = 0;
        var i = 0;
        while (i < count)
        {
            if (!batch[i].Chunked)
            {
                length += Copy(batch[i].Data.Span, buffer, length);
                i++;
                continue;
            }

            var runEnd = i;
            var runBytes = 0;
            while (runEnd < count && batch[runEnd].Chunked)
            {
                runBytes += batch[runEnd].Data.Length;
                runEnd++;
            }

            if (runBytes > 0)
            {
                length += WriteHex(runBytes, buffer, length);
                length += Copy(CrLf, buffer, length);
                for (; i < runEnd; i++)
                {
                    length += Copy(batch[i].Data.Span, buffer, length);
                }

                length += Copy(CrLf, buffer, length);
            }

            i = runEnd;
        }

        return length;
    }

    /// <summary>Writes the chunk size in lower-case hex without allocating.</summary>
    private static int WriteHex(int value, byte[] destination, int offset)
    {
        var digits = 1;
        for (var rest = value >> 4; rest != 0; rest >>= 4)
        {
            digits++;
        }

        for (var i = digits - 1; i >= 0; i--)
        {
            destination[offset + i] = (byte)"0123456789abcdef"[value & 0xF];
            value >>= 4;
        }

        return digits;
    }

    private static int Copy(ReadOnlySpan<byte> source, byte[] destination, int offset)
    {
        source.CopyTo(destination.AsSpan(offset));
        return source.Length;
    }
}
