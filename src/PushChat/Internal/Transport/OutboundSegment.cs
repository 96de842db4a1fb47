using System;

namespace PushChat.Internal.Transport;

/// <summary>Bytes queued for a connection: sent as they are, or as body bytes of a chunked response.</summary>
internal readonly struct OutboundSegment : IEquatable<OutboundSegment>
{
    public OutboundSegment(ReadOnlyMemory<byte> data, bool chunked)
    {
        Data = data;
        Chunked = chunked;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public bool Chunked { get; }

    public bool Equals(OutboundSegment other) => Chunked == other.Chunked && Data.Equals(other.Data);

    public override bool Equals(object? obj) => obj is OutboundSegment other && Equals(other);

    public override int GetHashCode() => Data.GetHashCode() ^ (Chunked ? 1 : 0);
}
