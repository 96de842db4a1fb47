using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace PushChat.LoadClient.Ceiling;

/// <summary>
/// What PushChat writes on one reader format for one said line, with the line's text cut out:
/// the markup before and after the text, and for Server-Sent Events the reader's <c>id:</c> chunk
/// that follows the event. Rendered with another text of any length, it gives the bytes PushChat
/// writes for that text (the chunk size or frame length recomputed by their own rules), so a raw
/// ceiling can send exactly PushChat's bytes per line. Fields that differ from line to line
/// (sequence, cursor, time, speaker) keep the length and value they had when captured.
/// </summary>
internal sealed class LineTemplate
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    public LineTemplate(string format, byte[] before, byte[] after, byte[] trailer)
    {
        Format = CeilingFormats.Check(format);
        Before = before;
        After = after;
        Trailer = trailer;
    }

    /// <summary>The reader format: <c>frame</c>, <c>sse</c> or <c>ws</c>.</summary>
    public string Format { get; }

    /// <summary>The item's bytes before its text, inside the chunk or frame.</summary>
    public byte[] Before { get; }

    /// <summary>The item's bytes after its text, inside the chunk or frame.</summary>
    public byte[] After { get; }

    /// <summary>Bytes written after the item's chunk or frame: the SSE <c>id:</c> chunk; empty otherwise.</summary>
    public byte[] Trailer { get; }

    /// <summary>
    /// Cuts a template out of <paramref name="item"/>, PushChat's bytes for one line (its chunk
    /// or frame, for SSE followed by the <c>id:</c> chunk), around the line's <paramref name="text"/>.
    /// </summary>
    public static LineTemplate Cut(string format, ReadOnlySpan<byte> item, ReadOnlySpan<byte> text)
    {
        int payloadStart;
        int payloadLength;
        if (CeilingFormats.Check(format) == CeilingFormats.WebSocket)
        {
            if (!Streams.WebSocketFrameHeader.TryRead(item, out var header))
            {
                throw new InvalidDataException("Not a whole WebSocket frame.");
            }

            payloadStart = header.Length;
            payloadLength = (int)header.PayloadLength;
        }
        else
        {
            payloadLength = ReadChunkHeader(item, out payloadStart);
        }

        var payload = item.Slice(payloadStart, payloadLength);
        var at = payload.IndexOf(text);
        if (at < 0)
        {
            throw new InvalidDataException("The line's text is not in its item.");
        }

        var end = payloadStart + payloadLength + (format == CeilingFormats.WebSocket ? 0 : CrLf.Length);
        return new LineTemplate(format, payload.Slice(0, at).ToArray(), payload.Slice(at + text.Length).ToArray(), item.Slice(end).ToArray());
    }

    /// <summary>The bytes PushChat writes for a line of <paramref name="text"/>: framing, markup, text, trailer.</summary>
    public byte[] Render(ReadOnlySpan<byte> text)
    {
        var payloadLength = Before.Length + text.Length + After.Length;
        Span<byte> header = stackalloc byte[16];
        int headerLength;
        if (Format == CeilingFormats.WebSocket)
        {
            // RFC 6455 §5.2: a final text frame, unmasked, the length in its shortest form.
            header[0] = 0x81;
            if (payloadLength <= 125)
            {
                header[1] = (byte)payloadLength;
                headerLength = 2;
            }
            else if (payloadLength <= ushort.MaxValue)
            {
                header[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), (ushort)payloadLength);
                headerLength = 4;
            }
            else
            {
                header[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(header.Slice(2), (ulong)payloadLength);
                headerLength = 10;
            }
        }
        else
        {
            // RFC 9112 §7.1: the size in hex, CRLF, the data, CRLF.
            payloadLength.TryFormat(header, out headerLength, "x", CultureInfo.InvariantCulture);
            CrLf.CopyTo(header.Slice(headerLength));
            headerLength += CrLf.Length;
        }

        var chunkEnd = Format == CeilingFormats.WebSocket ? 0 : CrLf.Length;
        var bytes = new byte[headerLength + payloadLength + chunkEnd + Trailer.Length];
        var span = bytes.AsSpan();
        header.Slice(0, headerLength).CopyTo(span);
        span = span.Slice(headerLength);
        Before.CopyTo(span);
        text.CopyTo(span.Slice(Before.Length));
        After.CopyTo(span.Slice(Before.Length + text.Length));
        span = span.Slice(payloadLength);
        CrLf.AsSpan(0, chunkEnd).CopyTo(span);
        Trailer.CopyTo(span.Slice(chunkEnd));
        return bytes;
    }

    /// <summary>The template as one command-line word: the format and its three parts in base64.</summary>
    public override string ToString() =>
        $"{Format}:{Convert.ToBase64String(Before)}:{Convert.ToBase64String(After)}:{Convert.ToBase64String(Trailer)}";

    /// <summary>Reads what <see cref="ToString"/> wrote.</summary>
    public static LineTemplate Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 4)
        {
            throw new FormatException("A line template is format:before:after:trailer.");
        }

        return new LineTemplate(parts[0], Convert.FromBase64String(parts[1]), Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
    }

    /// <summary>Reads a chunk's size line at the start of <paramref name="data"/>; returns the size and where its data starts.</summary>
    internal static int ReadChunkHeader(ReadOnlySpan<byte> data, out int dataStart)
    {
        var lineEnd = data.IndexOf(CrLf);
        if (lineEnd <= 0 || !int.TryParse(Encoding.ASCII.GetString(data.Slice(0, lineEnd)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw new InvalidDataException("Not an HTTP chunk.");
        }

        dataStart = lineEnd + CrLf.Length;
        return size;
    }
}
