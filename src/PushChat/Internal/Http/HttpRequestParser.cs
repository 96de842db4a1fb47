using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace PushChat.Internal.Http;

/// <summary>
/// Parses one HTTP/1.x request (RFC 9112) from the front of a buffer. Pure: no I/O, and what it
/// learnt about a request still arriving lives in the caller's <see cref="HttpRequestScan"/>. It
/// either returns a whole request and how far it reached, returns false having consumed nothing
/// when more bytes are needed, or throws <see cref="BadHttpRequestException"/>.
/// </summary>
internal sealed class HttpRequestParser
{
    private static readonly char[] PathOrQueryStart = { '/', '?' };

    private readonly int _maxRequestLine;
    private readonly int _maxHeaderBytes;
    private readonly int _maxHeaderCount;
    private readonly int _maxBodyBytes;

    public HttpRequestParser(ChatServerLimits limits)
    {
        _maxRequestLine = limits.MaxRequestLineBytes;
        _maxHeaderBytes = limits.MaxRequestHeadersBytes;
        _maxHeaderCount = limits.MaxRequestHeaderCount;
        _maxBodyBytes = limits.MaxRequestBodyBytes;
    }

    /// <summary>Parses a buffer none of which was examined before.</summary>
    public bool TryParse(in ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out HttpRequest? request, out SequencePosition consumed)
    {
        var scan = default(HttpRequestScan);
        return TryParse(buffer, ref scan, out request, out consumed);
    }

    /// <summary>
    /// Parses the request at the front of <paramref name="buffer"/>, going on from where the last
    /// call with the same <paramref name="scan"/> stopped. Every such call must get a buffer with
    /// the same start holding at least the bytes of the one before, as a pipe gives them when
    /// nothing was consumed. The scan is cleared when a request is returned.
    /// </summary>
    public bool TryParse(in ReadOnlySequence<byte> buffer, ref HttpRequestScan scan, [NotNullWhen(true)] out HttpRequest? request, out SequencePosition consumed)
    {
        request = null;
        consumed = buffer.Start;

        if (!scan.EmptyLinesDone && !SkipEmptyLines(buffer, ref scan))
        {
            return false;
        }

        var message = buffer.Slice(scan.EmptyLineBytes);
        var headers = scan.Headers ?? ReadHead(message, ref scan);
        if (headers is null)
        {
            return false;
        }

        long length;
        byte[] body;
        if (scan.Chunked is { } chunked)
        {
            if (!chunked.TryDecode(message.Slice(scan.HeadLength), out var encodedLength))
            {
                return false;
            }

            length = scan.HeadLength + encodedLength;
            body = chunked.Body;
        }
        else
        {
            length = scan.HeadLength + scan.BodyLength;
            if (message.Length < length)
            {
                return false;
            }

            body = scan.BodyLength == 0 ? Array.Empty<byte>() : message.Slice(scan.HeadLength, scan.BodyLength).ToArray();
        }

        var (method, path, query, version, authority) = scan.RequestLine;
        request = new HttpRequest(method, path, query, version, headers, body, HostOf(authority, headers));
        consumed = message.GetPosition(length);
        scan = default;
        return true;
    }

    /// <summary>True once the empty lines before the request line are known; they count in <see cref="HttpRequestScan.EmptyLineBytes"/>.</summary>
    private bool SkipEmptyLines(in ReadOnlySequence<byte> buffer, ref HttpRequestScan scan)
    {
        // RFC 9112 §2.2: ignore empty lines before the request line (some clients send a CRLF
        // after a POST body), within the first _maxRequestLine bytes; more is a bad request line.
        var skipped = scan.EmptyLineBytes;
        var limit = Math.Min(buffer.Length, _maxRequestLine);
        var wantLineFeed = false;
        var ended = false;
        foreach (var memory in buffer.Slice(skipped, limit - skipped))
        {
            foreach (var b in memory.Span)
            {
                if (b != (wantLineFeed ? (byte)'\n' : (byte)'\r'))
                {
                    ended = true;
                    break;
                }

                skipped += wantLineFeed ? 2 : 0;
                wantLineFeed = !wantLineFeed;
            }

            if (ended)
            {
                break;
            }
        }

        scan.EmptyLineBytes = skipped;
        scan.EmptyLinesDone = ended || skipped + 1L >= _maxRequestLine;
        return scan.EmptyLinesDone;
    }

    /// <summary>The header fields once the head is complete, recorded in the scan with the body length; null while more is needed.</summary>
    private HttpHeaders? ReadHead(in ReadOnlySequence<byte> message, ref HttpRequestScan scan)
    {
        if (scan.RequestLineLength == 0 && !ReadRequestLine(message, ref scan))
        {
            return null;
        }

        // Headers must fit in the limit, so a block of _maxHeaderBytes and the CR LF ending it is
        // all that is ever looked at.
        var lineLength = scan.RequestLineLength;
        var searchEnd = lineLength + Math.Min(message.Length - lineLength, _maxHeaderBytes + 2L);
        var matched = scan.HeadEndMatched;
        var headEnd = HttpHeadSearch.FindHeadEnd(message, scan.Examined, searchEnd, ref matched);
        if (headEnd < 0)
        {
            // A block of exactly _maxHeaderBytes may be followed by the CR of the empty line
            // with its LF still to come; one byte more cannot end within the limit.
            if (message.Length - lineLength > _maxHeaderBytes + 1L)
            {
                throw new BadHttpRequestException(431, "The request headers are too large.");
            }

            // A bare LF can never become CR LF; refuse now instead of waiting for a CR LF CR LF
            // that a client ending lines with LF alone will never send. Bytes examined before had
            // none, or they would have been refused; a partial match of 1 or 3 bytes ends in a CR.
            if (HttpHeadSearch.HasBareLineFeed(message, scan.Examined, searchEnd, scan.HeadEndMatched is 1 or 3))
            {
                throw new BadHttpRequestException(400, "Header lines must end with CR LF.");
            }

            scan.Examined = searchEnd;
            scan.HeadEndMatched = matched;
            return null;
        }

        // The one copy of a head that arrived in pieces.
        var headers = ParseHeaders(Contiguous(message.Slice(lineLength, headEnd - 2 - lineLength)));
        CheckHost(scan.RequestLine.Version, headers);
        scan.BodyLength = HttpFraming.BodyLength(scan.RequestLine.Version, headers, _maxBodyBytes);
        if (scan.BodyLength < 0)
        {
            scan.Chunked = new ChunkedBodyDecoder(_maxBodyBytes, _maxHeaderBytes);
        }

        scan.HeadLength = headEnd;
        scan.Headers = headers;
        return headers;
    }

    /// <summary>True once the request line has arrived; it is then parsed and recorded in the scan.</summary>
    private bool ReadRequestLine(in ReadOnlySequence<byte> message, ref HttpRequestScan scan)
    {
        // The limit counts the line without its CR LF, so the LF may sit at index _maxRequestLine + 1.
        var searchEnd = Math.Min(message.Length, _maxRequestLine + 2L);
        var lineEnd = HttpHeadSearch.IndexOf(message, scan.Examined, searchEnd, (byte)'\n');
        if (lineEnd < 0)
        {
            if (message.Length > _maxRequestLine + 1L)
            {
                throw new BadHttpRequestException(414, "The request line is too long.");
            }

            scan.Examined = searchEnd;
            return false;
        }

        if (lineEnd == 0 || HttpHeadSearch.ByteAt(message, lineEnd - 1) != (byte)'\r')
        {
            throw new BadHttpRequestException(400, "Lines must end with CR LF.");
        }

        scan.RequestLine = ParseRequestLine(Contiguous(message.Slice(0, lineEnd - 1)));
        scan.RequestLineLength = lineEnd + 1;
        scan.Examined = lineEnd + 1;

        // The CR LF of the request line is the first half of a CR LF CR LF when no header follows.
        scan.HeadEndMatched = 2;
        return true;
    }

    private static ReadOnlySpan<byte> Contiguous(in ReadOnlySequence<byte> sequence) =>
        sequence.IsSingleSegment ? sequence.First.Span : sequence.ToArray();

    private static (string Method, string Path, string Query, HttpVersion Version, string? Authority) ParseRequestLine(ReadOnlySpan<byte> line)
    {
        var firstSpace = line.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            throw new BadHttpRequestException(400, "Malformed request line.");
        }

        var methodBytes = line.Slice(0, firstSpace);
        foreach (var b in methodBytes)
        {
            if (!HttpChars.IsTokenChar(b))
            {
                throw new BadHttpRequestException(400, "Malformed request method.");
            }
        }

        var rest = line.Slice(firstSpace + 1);
        var secondSpace = rest.IndexOf((byte)' ');
        if (secondSpace <= 0)
        {
            throw new BadHttpRequestException(400, "Malformed request line.");
        }

        var target = rest.Slice(0, secondSpace);
        var version = ParseVersion(rest.Slice(secondSpace + 1));
        foreach (var b in target)
        {
            if (b <= 0x20 || b >= 0x7F)
            {
                throw new BadHttpRequestException(400, "The request target contains characters that must be percent-encoded.");
            }
        }

        var (path, query, authority) = SplitTarget(HttpChars.Latin1(target));
        return (KnownMethod(methodBytes), path, query, version, authority);
    }

    private static HttpVersion ParseVersion(ReadOnlySpan<byte> text)
    {
        if (text.Length == 8 && text.Slice(0, 5).SequenceEqual("HTTP/"u8) && text[6] == (byte)'.'
            && HttpChars.IsDigit(text[5]) && HttpChars.IsDigit(text[7]))
        {
            if (text[5] == (byte)'1' && text[7] == (byte)'1')
            {
                return HttpVersion.Http11;
            }

            if (text[5] == (byte)'1' && text[7] == (byte)'0')
            {
                return HttpVersion.Http10;
            }

            throw new BadHttpRequestException(505, "Only HTTP/1.0 and HTTP/1.1 are supported.");
        }

        throw new BadHttpRequestException(400, "Malformed HTTP version.");
    }

    private static (string Path, string Query, string? Authority) SplitTarget(string target)
    {
        var pathStart = 0;
        string? authority = null;
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // absolute-form (RFC 9112 §3.2.2): its authority replaces the Host header, so it must be
            // a valid one. The authority ends at the first '/' or '?' (RFC 3986 §3.2); an empty path stands for "/".
            var authorityStart = target.IndexOf("//", StringComparison.Ordinal) + 2;
            var authorityEnd = target.IndexOfAny(PathOrQueryStart, authorityStart);
            pathStart = authorityEnd < 0 ? target.Length : authorityEnd;
            authority = target.Substring(authorityStart, pathStart - authorityStart);
            if (authority.Length == 0 || HostAuthority.HostOf(authority) is null)
            {
                throw new BadHttpRequestException(400, "The request target names an invalid host.");
            }
        }
        else if (target.Length == 0 || target[0] != '/')
        {
            throw new BadHttpRequestException(400, "The request target must be a path starting with '/'.");
        }

        var question = target.IndexOf('?', pathStart);
        var path = question < 0 ? target.Substring(pathStart) : target.Substring(pathStart, question - pathStart);
        var query = question < 0 ? string.Empty : target.Substring(question + 1);
        return (path.Length == 0 ? "/" : path, query, authority);
    }

    private static string KnownMethod(ReadOnlySpan<byte> method)
    {
        if (method.SequenceEqual("GET"u8))
        {
            return "GET";
        }

        if (method.SequenceEqual("POST"u8))
        {
            return "POST";
        }

        return method.SequenceEqual("HEAD"u8) ? "HEAD" : HttpChars.Latin1(method);
    }

    private HttpHeaders ParseHeaders(ReadOnlySpan<byte> block)
    {
        var headers = new HttpHeaders();
        while (block.Length > 0)
        {
            var lineEnd = block.IndexOf((byte)'\n');
            if (lineEnd <= 0 || block[lineEnd - 1] != (byte)'\r')
            {
                throw new BadHttpRequestException(400, "Header lines must end with CR LF.");
            }

            AddHeader(headers, block.Slice(0, lineEnd - 1));
            if (headers.Count > _maxHeaderCount)
            {
                throw new BadHttpRequestException(431, "The request has too many headers.");
            }

            block = block.Slice(lineEnd + 1);
        }

        return headers;
    }

    private static void AddHeader(HttpHeaders headers, ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[0] == (byte)' ' || line[0] == (byte)'\t')
        {
            throw new BadHttpRequestException(400, "Folded header lines are not allowed.");
        }

        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw new BadHttpRequestException(400, "Malformed header line.");
        }

        var name = line.Slice(0, colon);
        foreach (var b in name)
        {
            // RFC 9112 §5.1: no whitespace between the field name and the colon.
            if (!HttpChars.IsTokenChar(b))
            {
                throw new BadHttpRequestException(400, "Malformed header name.");
            }
        }

        var value = HttpChars.TrimWhitespace(line.Slice(colon + 1));
        foreach (var b in value)
        {
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
            {
                throw new BadHttpRequestException(400, "A header value contains a control character.");
            }
        }

        headers.Add(HttpChars.Latin1(name), HttpChars.Latin1(value));
    }

    /// <summary>The request's host: an absolute-form target's (RFC 9112 §3.2.2), else the Host header's; empty when neither names one.</summary>
    private static string HostOf(string? authority, HttpHeaders headers) =>
        HostAuthority.HostOf(authority ?? headers["Host"] ?? string.Empty) ?? string.Empty;

    /// <summary>RFC 9112 §3.2: HTTP/1.1 needs a Host header, no request may carry two, and its value is an authority.</summary>
    private static void CheckHost(HttpVersion version, HttpHeaders headers)
    {
        var hosts = headers.CountOf("Host");
        if (hosts > 1)
        {
            throw new BadHttpRequestException(400, "A request may not have more than one Host header.");
        }

        if (hosts == 0 && version == HttpVersion.Http11)
        {
            throw new BadHttpRequestException(400, "An HTTP/1.1 request needs a Host header.");
        }

        if (hosts == 1 && HostAuthority.HostOf(headers["Host"]!) is null)
        {
            throw new BadHttpRequestException(400, "The Host header is not a valid host name and port.");
        }
    }
}
