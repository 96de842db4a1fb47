using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace PushChat.Internal.Http;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> is believed. Behind a proxy every connection
/// comes from the proxy; the client is the last address in the header that is not a trusted proxy
/// (each proxy appends the address it was connected from, so entries to the left of the first
/// untrusted one are whatever the client chose to send).
/// </summary>
internal sealed class TrustedProxies
{
    private readonly (byte[] Network, int PrefixLength)[] _ranges;

    public TrustedProxies(IEnumerable<string> entries) =>
        _ranges = entries.Select(e => TryParseRange(e, out var range) ? range : throw new ArgumentException($"'{e}' is not an address or a CIDR range.", nameof(entries))).ToArray();

    /// <summary>No proxy is trusted: every connection is its own client.</summary>
    public static TrustedProxies None { get; } = new(Array.Empty<string>());

    /// <summary>Whether any proxy is trusted.</summary>
    public bool Any => _ranges.Length > 0;

    /// <summary>Whether a range includes a loopback address (127.0.0.0/8 or ::1), from which a proxy on this machine connects.</summary>
    public static bool IncludesLoopback((byte[] Network, int PrefixLength) range) =>
        IPAddress.IsLoopback(new IPAddress(range.Network))
        || (range.Network.Length == 4 && SamePrefix(range.Network, IPAddress.Loopback.GetAddressBytes(), range.PrefixLength))
        || (range.Network.Length == 16 && SamePrefix(range.Network, IPAddress.IPv6Loopback.GetAddressBytes(), range.PrefixLength));

    /// <summary>Whether a range holds loopback addresses only.</summary>
    public static bool IsLoopbackOnly((byte[] Network, int PrefixLength) range) =>
        IPAddress.IsLoopback(new IPAddress(range.Network)) && range.PrefixLength >= (range.Network.Length == 4 ? 8 : 128);

    /// <summary>Parses <c>203.0.113.7</c>, <c>10.0.0.0/8</c>, <c>::1</c> or <c>fd00::/8</c>.</summary>
    public static bool TryParseRange(string text, out (byte[] Network, int PrefixLength) range)
    {
        range = default;
        var slash = text.IndexOf('/');
        if (!IPAddress.TryParse(slash < 0 ? text.Trim() : text.Substring(0, slash).Trim(), out var address))
        {
            return false;
        }

        var bytes = Canonical(address).GetAddressBytes();
        var prefix = bytes.Length * 8;
#pragma warning disable CA1846 // netstandard2.0 has no span overload of int.TryParse.
        if (slash >= 0 && (!int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bytes.Length * 8))
#pragma warning restore CA1846
        {
            return false;
        }

        range = (bytes, prefix);
        return true;
    }

    /// <summary>The client of a request that came through <paramref name="peer"/>.</summary>
    public IPEndPoint ClientOf(HttpRequest request, IPEndPoint peer)
    {
        if (_ranges.Length == 0 || !IsTrusted(peer.Address))
        {
            return peer;
        }

        var hops = request.Headers.Fields
            .Where(f => string.Equals(f.Key, "X-Forwarded-For", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => f.Value.Split(','))
            .ToArray();
        IPAddress? client = null;
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (ParseHop(hops[i]) is not { } hop)
            {
                // A malformed entry ends what can be believed; the one after it stays the client.
                break;
            }

            client = hop;
            if (!IsTrusted(hop))
            {
                break;
            }
        }

        return client is null ? peer : new IPEndPoint(client, 0);
    }

    /// <summary>
    /// Whether a trusted proxy says the browser reached it over HTTPS: the last
    /// <c>X-Forwarded-Proto</c> value is <c>https</c>. That value is the one the proxy next to this
    /// server set (nginx's <c>proxy_set_header</c> replaces what the client sent); from anyone
    /// else the header is the client's own claim and means nothing.
    /// </summary>
    public bool ForwardedHttps(HttpRequest request, IPEndPoint peer)
    {
        if (_ranges.Length == 0 || !IsTrusted(peer.Address))
        {
            return false;
        }

        var last = request.Headers.Fields
            .Where(f => string.Equals(f.Key, "X-Forwarded-Proto", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => f.Value.Split(','))
            .LastOrDefault();
        return last is not null && string.Equals(last.Trim(), "https", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a connection from <paramref name="address"/> comes from a trusted proxy.</summary>
    public bool IsTrusted(IPAddress address)
    {
        var bytes = Canonical(address).GetAddressBytes();
        foreach (var (network, prefixLength) in _ranges)
        {
            if (network.Length == bytes.Length && SamePrefix(network, bytes, prefixLength))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SamePrefix(byte[] a, byte[] b, int bits)
    {
        for (var i = 0; bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (b[i] & mask))
            {
                return false;
            }
        }

        return true;
    }

    // "203.0.113.7", "203.0.113.7:4711", "2001:db8::1" or "[2001:db8::1]:4711" (what proxies write).
    private static IPAddress? ParseHop(string text)
    {
        var hop = text.Trim();
        if (hop.Length > 0 && hop[0] == '[')
        {
            var close = hop.IndexOf(']');
            hop = close > 0 ? hop.Substring(1, close - 1) : hop;
        }
        else if (hop.IndexOf(':') is var colon and > 0 && hop.IndexOf(':', colon + 1) < 0)
        {
            hop = hop.Substring(0, colon);
        }

        return IPAddress.TryParse(hop, out var address) ? Canonical(address) : null;
    }

    // An IPv4 client of a dual-stack socket arrives as ::ffff:a.b.c.d.
    private static IPAddress Canonical(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
