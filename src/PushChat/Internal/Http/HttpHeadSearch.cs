using System;
using System.Buffers;

namespace PushChat.Internal.Http;

/// <summary>
/// Searches of a request head that may lie across several segments, by offset from its start, so
/// that each call looks only at bytes that arrived since the last one.
/// </summary>
internal static class HttpHeadSearch
{
    /// <summary>
    /// Looks through [<paramref name="from"/>, <paramref name="to"/>) for the CR LF CR LF ending the
    /// head, of which the bytes before ended with <paramref name="matched"/>; returns the offset just
    /// after it, or -1 with <paramref name="matched"/> telling how much the bytes looked at end with.
    /// </summary>
    public static long FindHeadEnd(in ReadOnlySequence<byte> message, long from, long to, ref int matched)
    {
        var offset = from;
        foreach (var memory in message.Slice(from, to - from))
        {
            var span = memory.Span;

            // A CR LF CR LF begun before this span is finished a byte at a time; once no match is
            // under way, any other must lie wholly in the rest of the span.
            var i = 0;
            for (; matched > 0 && i < span.Length; i++)
            {
                matched = Step(matched, span[i]);
                if (matched == 4)
                {
                    return offset + i + 1;
                }
            }

            var rest = span.Slice(i);
            var end = rest.IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return offset + i + end + 4;
            }

            // What later bytes may finish lies in the last three of these.
            for (var j = Math.Max(0, rest.Length - 3); j < rest.Length; j++)
            {
                matched = Step(matched, rest[j]);
            }

            offset += span.Length;
        }

        return -1;
    }

    /// <summary>
    /// Whether [<paramref name="from"/>, <paramref name="to"/>) holds an LF that does not follow a CR;
    /// <paramref name="afterCarriageReturn"/> tells whether the byte before it is one.
    /// </summary>
    public static bool HasBareLineFeed(in ReadOnlySequence<byte> message, long from, long to, bool afterCarriageReturn)
    {
        foreach (var memory in message.Slice(from, to - from))
        {
            var span = memory.Span;
            var start = 0;
            int lineFeed;
            while ((lineFeed = span.Slice(start).IndexOf((byte)'\n')) >= 0)
            {
                lineFeed += start;
                if (!(lineFeed == 0 ? afterCarriageReturn : span[lineFeed - 1] == (byte)'\r'))
                {
                    return true;
                }

                start = lineFeed + 1;
            }

            afterCarriageReturn = span.Length > 0 ? span[span.Length - 1] == (byte)'\r' : afterCarriageReturn;
        }

        return false;
    }

    /// <summary>Offset of the first <paramref name="value"/> in [<paramref name="from"/>, <paramref name="to"/>), or -1.</summary>
    public static long IndexOf(in ReadOnlySequence<byte> sequence, long from, long to, byte value)
    {
        var offset = from;
        foreach (var memory in sequence.Slice(from, to - from))
        {
            var index = memory.Span.IndexOf(value);
            if (index >= 0)
            {
                return offset + index;
            }

            offset += memory.Length;
        }

        return -1;
    }

    /// <summary>The byte at <paramref name="offset"/>.</summary>
    public static byte ByteAt(in ReadOnlySequence<byte> sequence, long offset)
    {
        Span<byte> one = stackalloc byte[1];
        sequence.Slice(offset, 1).CopyTo(one);
        return one[0];
    }

    /// <summary>How much of CR LF CR LF is matched after <paramref name="b"/>, given <paramref name="matched"/> before it.</summary>
    private static int Step(int matched, byte b)
    {
        if (b == (byte)'\r')
        {
            // After CR LF a CR continues the match; anywhere else it starts a new one.
            return matched == 2 ? 3 : 1;
        }

        return b == (byte)'\n' && matched is 1 or 3 ? matched + 1 : 0;
    }
}
