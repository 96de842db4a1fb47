using System;
using System.Net;
using System.Net.Sockets;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// The client a per-address limit or ban counts: an IPv4 address exactly, an IPv6 address by its
/// first <see cref="ChatServerLimits.AddressPrefixIPv6"/> bits. A subscriber usually holds a whole
/// IPv6 /64 and picks fresh addresses in it at will (RFC 4291 §2.5.4, RFC 8981), so counting
/// exact IPv6 addresses would give one client millions of budgets. An IPv4 client of a
/// dual-stack socket (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) counts as its IPv4 address.
/// </summary>
internal readonly struct AddressKey : IEquatable<AddressKey>
{
    private readonly ulong _high;
    private readonly ulong _low;

    // 0 for IPv4 (the address in _low), otherwise the IPv6 prefix length.
    private readonly int _prefix;

    private AddressKey(ulong high, ulong low, int prefix)
    {
        _high = high;
        _low = low;
        _prefix = prefix;
    }

    public static AddressKey Of(IPAddress address, int prefixIPv6)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (bytes.Length == 4)
        {
            return new AddressKey(0, ReadUInt64(bytes, 0, 4), 0);
        }

        var high = ReadUInt64(bytes, 0, 8);
        var low = ReadUInt64(bytes, 8, 8);
        return new AddressKey(
            prefixIPv6 >= 64 ? high : prefixIPv6 <= 0 ? 0 : high & (ulong.MaxValue << (64 - prefixIPv6)),
            prefixIPv6 >= 128 ? low : prefixIPv6 <= 64 ? 0 : low & (ulong.MaxValue << (128 - prefixIPv6)),
            Math.Min(Math.Max(prefixIPv6, 1), 128));
    }

    public bool Equals(AddressKey other) => _high == other._high && _low == other._low && _prefix == other._prefix;

    public override bool Equals(object? obj) => obj is AddressKey other && Equals(other);

    public override int GetHashCode() => (_high ^ (_low * 0x9E3779B97F4A7C15UL) ^ (ulong)_prefix).GetHashCode();

    /// <summary>"203.0.113.7", "2001:db8::1" for a full-length prefix, otherwise "2001:db8:0:1::/64".</summary>
    public override string ToString()
    {
        if (_prefix == 0)
        {
            return new IPAddress(Bytes(_low, 4)).ToString();
        }

        var bytes = new byte[16];
        Array.Copy(Bytes(_high, 8), 0, bytes, 0, 8);
        Array.Copy(Bytes(_low, 8), 0, bytes, 8, 8);
        var network = new IPAddress(bytes).ToString();
        return _prefix == 128 ? network : $"{network}/{_prefix}";
    }

    public static bool operator ==(AddressKey left, AddressKey right) => left.Equals(right);

    public static bool operator !=(AddressKey left, AddressKey right) => !left.Equals(right);

    private static ulong ReadUInt64(byte[] bytes, int start, int count)
    {
        ulong value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    private static byte[] Bytes(ulong value, int count)
    {
        var bytes = new byte[count];
        for (var i = count - 1; i >= 0; i--)
        {
            bytes[i] = (byte)value;
            value >>= 8;
        }

        return bytes;
    }
}
