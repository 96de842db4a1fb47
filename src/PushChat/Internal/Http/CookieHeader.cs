using System;
using System.Collections.Generic;

namespace PushChat.Internal.Http;

/// <summary>
/// Reads the cookies a request carries: <c>Cookie: name=value; name=value</c> (RFC 6265 §4.2.1),
/// also split over several fields, as HTTP/2 proxies may pass it on (RFC 9113 §8.2.3).
/// </summary>
internal static class CookieHeader
{
    /// <summary>
    /// Every value sent under <paramref name="name"/> (names are case-sensitive), in order: a
    /// browser sends two cookies of one name when they were set for different paths or domains.
    /// </summary>
    public static IEnumerable<string> ValuesOf(HttpHeaders headers, string name)
    {
        foreach (var field in headers.Fields)
        {
            if (!string.Equals(field.Key, "Cookie", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var pair in field.Value.Split(';'))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0 && pair.Substring(0, equals).Trim() == name)
                {
                    yield return Unquote(pair.Substring(equals + 1).Trim());
                }
            }
        }
    }

    /// <summary>Whether the request carries a cookie of that name, whatever its value.</summary>
    public static bool Has(HttpHeaders headers, string name)
    {
        foreach (var _ in ValuesOf(headers, name))
        {
            return true;
        }

        return false;
    }

    // RFC 6265 §4.1.1 allows a value in double quotes; the quotes are not part of it.
    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"' ? value.Substring(1, value.Length - 2) : value;
}
