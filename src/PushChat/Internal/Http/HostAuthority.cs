using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PushChat.Internal.Http;

/// <summary>
/// The authority a request names, in its Host header or an absolute-form target (RFC 9112 §3.2,
/// RFC 3986 §3.2.2): a host name, an IPv4 address or a bracketed IPv6 address, and an optional port.
/// </summary>
internal static class HostAuthority
{
    /// <summary>
    /// The host of a valid authority, lower-cased and without its port (IPv6 keeps its brackets);
    /// an empty authority gives an empty host. Null when the value is not an authority: a list,
    /// user information, spaces, a bad port or characters no host name has.
    /// </summary>
    public static string? HostOf(string authority)
    {
        if (authority.Length == 0)
        {
            return string.Empty;
        }

        string host;
        string? port;
        if (authority[0] == '[')
        {
            // IP-literal (RFC 3986 §3.2.2): only an IPv6 address, and after the ']' nothing or a ':' and a port.
            var close = authority.IndexOf(']');
            if (close < 0 || !IsIPv6Literal(authority.Substring(1, close - 1)))
            {
                return null;
            }

            host = authority.Substring(0, close + 1);
            if (close + 1 == authority.Length)
            {
                port = null;
            }
            else if (authority[close + 1] == ':')
            {
                port = authority.Substring(close + 2);
            }
            else
            {
                return null;
            }
        }
        else
        {
            var colon = authority.IndexOf(':');
            host = colon < 0 ? authority : authority.Substring(0, colon);
            port = colon < 0 ? null : authority.Substring(colon + 1);
            if (host.Length == 0 || !IsRegisteredName(host))
            {
                return null;
            }
        }

        return port is null || IsPort(port) ? host.ToLowerInvariant() : null;
    }

    /// <summary>The port of a valid authority, or null when it names none.</summary>
    public static int? PortOf(string authority)
    {
        var colon = authority.LastIndexOf(':');
#pragma warning disable CA1846 // netstandard2.0 has no span overload of int.Parse.
        return colon > authority.LastIndexOf(']') && colon + 1 < authority.Length && HostOf(authority) is not null
            ? int.Parse(authority.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
#pragma warning restore CA1846
    }

    // Hex digits, ':' and '.' only: IPAddress.TryParse also takes a zone ("%eth0"), which RFC 3986
    // has no place for in a Host, and some runtimes trim spaces.
    private static bool IsIPv6Literal(string text)
    {
        foreach (var c in text)
        {
            if (!(c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F') or ':' or '.'))
            {
                return false;
            }
        }

        return text.Length > 0 && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    // Letters, digits, '-', '.', '_' and '~': the unreserved characters of RFC 3986, which every
    // DNS name and IPv4 address is made of. Sub-delimiters such as ',' and percent-escapes are
    // valid in a reg-name but never in a name a browser sends, and they are how a list or an
    // injected value would get in.
    private static bool IsRegisteredName(string host)
    {
        foreach (var c in host)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    // An empty port is allowed by RFC 3986 §3.2.3 ("host:"); otherwise at most five digits up to 65535.
    private static bool IsPort(string port)
    {
        if (port.Length == 0)
        {
            return true;
        }

        foreach (var c in port)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return port.Length <= 5 && int.Parse(port, CultureInfo.InvariantCulture) <= 65535;
    }
}
