using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// The cookies one browser keeps for one chat server: filled from <c>Set-Cookie</c> answers and
/// sent, all of them, on every later request, as a browser sends every cookie of the origin.
/// Thread-safe, since tests send requests of several users at once.
/// </summary>
public sealed class CookieJar
{
    private readonly ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public int Count => _cookies.Count;

    public IReadOnlyCollection<string> Names => _cookies.Keys.ToArray();

    public string? this[string name] => _cookies.TryGetValue(name, out var value) ? value : null;

    /// <summary>The <c>Cookie</c> header value a browser would send, or null with no cookie.</summary>
    public string? HeaderValue()
    {
        var cookies = _cookies.ToArray();
        return cookies.Length == 0 ? null : string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
    }

    /// <summary>Keeps what a response sets: a cookie with <c>Max-Age=0</c> (or less) is removed.</summary>
    public void Receive(RawResponse response)
    {
        foreach (var setCookie in response.SetCookies)
        {
            var parts = setCookie.Split(';');
            var pair = parts[0];
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var name = pair[..equals].Trim();
            var value = pair[(equals + 1)..].Trim();
            var expired = parts.Skip(1).Select(p => p.Trim()).Any(p =>
                p.StartsWith("Max-Age=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(p["Max-Age=".Length..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var age)
                && age <= 0);
            if (expired)
            {
                _cookies.TryRemove(name, out _);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }

    /// <summary>Forgets every cookie, as a browser that was closed.</summary>
    public void Clear() => _cookies.Clear();

    /// <summary>Forgets one cookie, as a browser whose user cleared it.</summary>
    public void Remove(string name) => _cookies.TryRemove(name, out _);

    /// <summary>
    /// Adds a <c>Cookie</c> header to each request in <paramref name="raw"/> (several when
    /// pipelined) that has none. Text that is not a plain request head with CRLF line ends is
    /// left as it is: tests of malformed requests send exactly the bytes they wrote.
    /// </summary>
    public string AddTo(string raw)
    {
        if (HeaderValue() is not { } cookies)
        {
            return raw;
        }

        var result = new StringBuilder(raw.Length + cookies.Length + 16);
        var at = 0;
        while (at < raw.Length)
        {
            var lineEnd = raw.IndexOf("\r\n", at, StringComparison.Ordinal);
            var headEnd = raw.IndexOf("\r\n\r\n", at, StringComparison.Ordinal);
            if (lineEnd < 0 || headEnd < 0 || !LooksLikeRequestLine(raw[at..lineEnd]))
            {
                break;
            }

            var head = raw[at..(headEnd + 4)];
            var headers = head[(lineEnd - at + 2)..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            result.Append(raw, at, lineEnd - at + 2);
            if (!headers.Any(h => h.StartsWith("Cookie:", StringComparison.OrdinalIgnoreCase)))
            {
                result.Append("Cookie: ").Append(cookies).Append("\r\n");
            }

            result.Append(raw, lineEnd + 2, headEnd + 4 - (lineEnd + 2));
            at = headEnd + 4;

            // Only a body of known length can be stepped over to the next pipelined request.
            if (headers.Any(h => h.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)))
            {
                break;
            }

            var length = headers.Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Select(h => h["Content-Length:".Length..].Trim()).FirstOrDefault();
            if (length is not null)
            {
                if (!int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || !TryTakeBody(raw, ref at, bytes, result))
                {
                    break;
                }
            }
        }

        return result.Append(raw, at, raw.Length - at).ToString();
    }

    private static bool LooksLikeRequestLine(string line)
    {
        var parts = line.Split(' ');
        return parts.Length == 3 && parts[0].Length > 0 && parts[0].All(char.IsAsciiLetterUpper) && parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal);
    }

    /// <summary>Copies a body of <paramref name="bytes"/> UTF-8 bytes; false when the text holds less.</summary>
    private static bool TryTakeBody(string raw, ref int at, int bytes, StringBuilder result)
    {
        var start = at;
        var counted = 0;
        while (counted < bytes && at < raw.Length)
        {
            var step = char.IsHighSurrogate(raw[at]) && at + 1 < raw.Length ? 2 : 1;
            counted += Encoding.UTF8.GetByteCount(raw.AsSpan(at, step));
            at += step;
        }

        result.Append(raw, start, at - start);
        return counted == bytes;
    }
}
