using System;

namespace PushChat.Internal.Http;

/// <summary>One parsed request: request line, headers and the whole (small) body.</summary>
internal sealed class HttpRequest
{
    public HttpRequest(string method, string path, string query, HttpVersion version, HttpHeaders headers, byte[] body, string host = "")
    {
        Host = host;
        Method = method;
        Path = path;
        Query = query;
        Version = version;
        Headers = headers;
        Body = body;
        KeepAlive = version == HttpVersion.Http11
            ? !headers.ContainsToken("Connection", "close")
            : headers.ContainsToken("Connection", "keep-alive");
    }

    public string Method { get; }

    /// <summary>The path part of the target, still percent-encoded.</summary>
    public string Path { get; }

    /// <summary>The query part of the target without '?', still encoded.</summary>
    public string Query { get; }

    public HttpVersion Version { get; }

    public HttpHeaders Headers { get; }

    public byte[] Body { get; }

    /// <summary>The host the request is for, lower-cased, without its port (IPv6 in brackets); empty when it names none.</summary>
    public string Host { get; }

    /// <summary>Whether the client is willing to send another request on this connection (RFC 9112 §9.3).</summary>
    public bool KeepAlive { get; }

    /// <summary>
    /// Whether the browser sent the request over HTTPS: to this server's TLS port, or to a trusted
    /// proxy that says so in <c>X-Forwarded-Proto</c>. Set by the connection before the request is
    /// handled; the parser cannot know it.
    /// </summary>
    public bool IsHttps { get; set; }

    public bool IsHead => string.Equals(Method, "HEAD", StringComparison.Ordinal);
}
