using System;
using System.Collections.Generic;
using System.Globalization;

namespace PushChat.Internal.Http;

/// <summary>
/// Where a request's body ends (RFC 9112 §6): Content-Length or the chunked transfer coding,
/// checked strictly, since two parties that read the framing differently let a request be
/// smuggled past one of them. Kept apart from the parser, which only finds the head and the bytes.
/// </summary>
internal static class HttpFraming
{
    /// <summary>The length of the body after checking the head's framing; -1 for a chunked body.</summary>
    public static long BodyLength(HttpVersion version, HttpHeaders headers, int maxBodyBytes)
    {
        var hasTransferEncoding = headers["Transfer-Encoding"] is not null;
        var contentLength = ContentLength(headers);
        if (hasTransferEncoding)
        {
            // RFC 9112 §6.1: both together is a smuggling attempt, and HTTP/1.0 has no chunked coding.
            if (contentLength is not null || version == HttpVersion.Http10)
            {
                throw new BadHttpRequestException(400, "Transfer-Encoding cannot be combined with Content-Length or HTTP/1.0.");
            }

            CheckTransferCodings(headers);
            return -1;
        }

        if (contentLength is null)
        {
            // RFC 9112 §6.3: a request with neither header has no body.
            return 0;
        }

        if (contentLength.Value > maxBodyBytes)
        {
            throw new BadHttpRequestException(413, "The request body is too large.");
        }

        return contentLength.Value;
    }

    /// <summary>
    /// Checks the transfer codings of every Transfer-Encoding line, read as one list (RFC 9110
    /// §5.3): one that does not end in chunked leaves the body's end unknown (RFC 9112 §6.3: 400,
    /// and the connection closes), chunked may be applied only once (§6.1), and any other coding
    /// before it is one this server does not implement (§6.1: 501).
    /// </summary>
    private static void CheckTransferCodings(HttpHeaders headers)
    {
        var codings = new List<string>();
        foreach (var field in headers.Fields)
        {
            if (!string.Equals(field.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var element in field.Value.Split(','))
            {
                // RFC 9110 §5.6.1: empty list elements are ignored.
                var coding = element.Trim(' ', '\t');
                if (coding.Length > 0)
                {
                    codings.Add(coding);
                }
            }
        }

        if (codings.Count == 0 || !IsChunked(codings[codings.Count - 1]))
        {
            throw new BadHttpRequestException(400, "The transfer codings must end with chunked.");
        }

        for (var i = 0; i < codings.Count - 1; i++)
        {
            if (IsChunked(codings[i]))
            {
                throw new BadHttpRequestException(400, "The chunked transfer coding may be applied only once.");
            }
        }

        if (codings.Count > 1)
        {
            throw new BadHttpRequestException(501, "Only the chunked transfer coding is understood.");
        }
    }

    private static bool IsChunked(string coding) => string.Equals(coding, "chunked", StringComparison.OrdinalIgnoreCase);

    private static long? ContentLength(HttpHeaders headers)
    {
        long? length = null;
        foreach (var field in headers.Fields)
        {
            if (!string.Equals(field.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (field.Value.Length is 0 or > 18 || !long.TryParse(field.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new BadHttpRequestException(400, "Malformed Content-Length.");
            }

            if (length is not null && length.Value != value)
            {
                throw new BadHttpRequestException(400, "Conflicting Content-Length headers.");
            }

            length = value;
        }

        return length;
    }
}
