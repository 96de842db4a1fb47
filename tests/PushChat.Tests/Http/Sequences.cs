using System.Buffers;
using System.Text;

namespace PushChat.Tests.Http;

/// <summary>Builds <see cref="ReadOnlySequence{T}"/> buffers as a socket would deliver them: in pieces.</summary>
internal static class Sequences
{
    /// <summary>Each char of <paramref name="text"/> becomes the byte of the same value (U+0000..U+00FF).</summary>
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>One sequence whose segments are the given arrays, in order (empty arrays included).</summary>
    public static ReadOnlySequence<byte> Of(params byte[][] parts)
    {
        if (parts.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(parts[0], 0);
        var last = first;
        for (var i = 1; i < parts.Length; i++)
        {
            last = last.Append(parts[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Cuts <paramref name="data"/> at the given ascending offsets (each in 0..data.Length).</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, params int[] cuts)
    {
        var parts = new byte[cuts.Length + 1][];
        var start = 0;
        for (var i = 0; i < cuts.Length; i++)
        {
            parts[i] = data[start..cuts[i]];
            start = cuts[i];
        }

        parts[cuts.Length] = data[start..];
        return Of(parts);
    }

    /// <summary>How many bytes lie between the start of <paramref name="buffer"/> and <paramref name="position"/>.</summary>
    public static long OffsetOf(in ReadOnlySequence<byte> buffer, SequencePosition position) =>
        buffer.Slice(buffer.Start, position).Length;

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data, long runningIndex)
        {
            Memory = data;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] data)
        {
            var next = new Segment(data, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
