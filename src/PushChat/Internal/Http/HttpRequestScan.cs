namespace PushChat.Internal.Http;

/// <summary>
/// How far <see cref="HttpRequestParser"/> got into the request at the front of a connection's
/// buffer. The connection keeps one and hands it to every call, so each read is examined once
/// instead of the whole head again: a head trickled byte by byte costs time and memory linear in
/// its size. Only the parser reads or writes it; it clears it when it returns a request.
/// </summary>
internal struct HttpRequestScan
{
    /// <summary>Bytes of empty lines skipped before the request line (RFC 9112 §2.2).</summary>
    public int EmptyLineBytes { get; set; }

    /// <summary>Whether no more empty lines can follow, so the request line starts after them.</summary>
    public bool EmptyLinesDone { get; set; }

    /// <summary>Bytes after the empty lines already examined without finding what was looked for.</summary>
    public long Examined { get; set; }

    /// <summary>Length of the request line with its CR LF; 0 until its LF has arrived.</summary>
    public long RequestLineLength { get; set; }

    /// <summary>The request line, parsed when its LF arrived; the authority of an absolute-form target, else null.</summary>
    public (string Method, string Path, string Query, HttpVersion Version, string? Authority) RequestLine { get; set; }

    /// <summary>How many bytes of the CR LF CR LF ending the head the examined bytes end with.</summary>
    public int HeadEndMatched { get; set; }

    /// <summary>The parsed header fields; null until the head is complete.</summary>
    public HttpHeaders? Headers { get; set; }

    /// <summary>Length of the whole head once it is complete.</summary>
    public long HeadLength { get; set; }

    /// <summary>Length of the body that follows the head once it is complete; unused for a chunked body.</summary>
    public long BodyLength { get; set; }

    /// <summary>The decoder of a chunked body, which keeps its own place; null for a body with a length.</summary>
    public ChunkedBodyDecoder? Chunked { get; set; }
}
