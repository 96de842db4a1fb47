using System;

namespace PushChat.Internal.Transport;

/// <summary>
/// Bytes queued for a connection: sent as they are (pushed lines come pre-framed), or as body
/// bytes of a chunked response, framed on the way out; or a history replay, the lines of which
/// are taken into writes, as they are, only as the reader drains.
/// Bounded bytes count against the reader's queue bound; a stream's head and goodbye do not.
/// </summary>
internal readonly struct OutboundSegment : IEquatable<OutboundSegment>
{
    public OutboundSegment(ReadOnlyMemory<byte> data, bool chunked, bool bounded = true)
    {
        Data = data;
        Chunked = chunked;
        Bounded = bounded;
        ReplayLines = null;
        ReplayStart = 0;
    }

    private OutboundSegment(ReadOnlyMemory<byte>[] lines, int start, bool chunked)
    {
        Data = default;
        Chunked = chunked;
        Bounded = true;
        ReplayLines = lines;
        ReplayStart = start;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public bool Chunked { get; }

    public bool Bounded { get; }

    /// <summary>The lines of a history replay as they go on the wire, shared with the room's history; null for plain bytes.</summary>
    public ReadOnlyMemory<byte>[]? ReplayLines { get; }

    /// <summary>The first line of <see cref="ReplayLines"/> not yet taken into a write.</summary>
    public int ReplayStart { get; }

    public bool IsReplay => ReplayLines is not null;

    /// <summary>A history replay whose lines are written as the reader drains.</summary>
    public static OutboundSegment Replay(ReadOnlyMemory<byte>[] lines, bool chunked) => new(lines, 0, chunked);

    /// <summary>What is left of this replay once its lines before <paramref name="start"/> were taken.</summary>
    public OutboundSegment ReplayFrom(int start) => new(ReplayLines!, start, Chunked);

    /// <summary>The bytes of the replay's lines not yet taken.</summary>
    public int ReplayBytesLeft()
    {
        var bytes = 0;
        for (var i = ReplayStart; i < ReplayLines!.Length; i++)
        {
            bytes += ReplayLines[i].Length;
        }

        return bytes;
    }

    public bool Equals(OutboundSegment other) =>
        Chunked == other.Chunked && Bounded == other.Bounded && Data.Equals(other.Data) && ReferenceEquals(ReplayLines, other.ReplayLines) && ReplayStart == other.ReplayStart;

    public override bool Equals(object? obj) => obj is OutboundSegment other && Equals(other);

    public override int GetHashCode() => Data.GetHashCode() ^ (Chunked ? 1 : 0) ^ (Bounded ? 2 : 0);
}
