using System;

namespace PushChat.Internal.Transport;

/// <summary>
/// Bytes queued for a connection: sent as they are, or as body bytes of a chunked response.
/// Bounded bytes count against the reader's queue bound; a history replay does not.
/// </summary>
internal readonly struct OutboundSegment : IEquatable<OutboundSegment>
{
    public OutboundSegment(ReadOnlyMemory<byte> data, bool chunked, bool bounded = true)
    {
        Data = data;
        Chunked = chunked;
        Bounded = bounded;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public bool Chunked { get; }

    public bool Bounded { get; }

    public bool Equals(OutboundSegment other) => Chunked == other.Chunked && Bounded == other.Bounded && Data.Equals(other.Data);

    public override bool Equals(object? obj) => obj is OutboundSegment other && Equals(other);

    public override int GetHashCode() => Data.GetHashCode() ^ (Chunked ? 1 : 0) ^ (Bounded ? 2 : 0);
}
