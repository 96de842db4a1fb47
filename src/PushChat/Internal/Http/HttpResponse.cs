using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PushChat.Internal.Http;

/// <summary>A response head and, for short responses, its whole body.</summary>
internal sealed class HttpResponse
{
    private readonly List<KeyValuePair<string, string>> _headers = new();

    public HttpResponse(int statusCode, string? contentType = null, byte[]? body = null)
    {
        StatusCode = statusCode;
        Body = body ?? Array.Empty<byte>();
        if (contentType is not null)
        {
            _headers.Add(new KeyValuePair<string, string>("Content-Type", contentType));
        }
    }

    public int StatusCode { get; }

    public byte[] Body { get; }

    /// <summary>Set when the connection must close after this response whatever the client asked.</summary>
    public bool CloseConnection { get; set; }

    public HttpResponse With(string name, string value)
    {
        _headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    /// <summary>Encodes a complete short response with a Content-Length.</summary>
    public byte[] Encode(HttpVersion version, bool keepAlive, bool headOnly)
    {
        var head = Head(version, keepAlive ? (version == HttpVersion.Http10 ? "keep-alive" : null) : "close");
        head.Append("Content-Length: ").Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        if (headOnly || Body.Length == 0)
        {
            return headBytes;
        }

        var bytes = new byte[headBytes.Length + Body.Length];
        Buffer.BlockCopy(headBytes, 0, bytes, 0, headBytes.Length);
        Buffer.BlockCopy(Body, 0, bytes, headBytes.Length, Body.Length);
        return bytes;
    }

    /// <summary>Encodes a 101 head: after it the connection speaks the protocol named in <paramref name="protocol"/> (RFC 9110 §15.2.2).</summary>
    public byte[] EncodeSwitchingProtocols(string protocol) =>
        Encoding.ASCII.GetBytes(Head(HttpVersion.Http11, "Upgrade").Append("Upgrade: ").Append(protocol).Append("\r\n\r\n").ToString());

    /// <summary>Encodes the head of a response whose body streams until the server ends it.</summary>
    public byte[] EncodeStreamingHead(HttpVersion version)
    {
        // HTTP/1.0 has no chunked coding: the end of the body is the end of the connection.
        var head = version == HttpVersion.Http11
            ? Head(version, null).Append("Transfer-Encoding: chunked\r\n\r\n")
            : Head(version, "close").Append("\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());
    }

    private StringBuilder Head(HttpVersion version, string? connection)
    {
        var head = new StringBuilder(256);
        head.Append(version == HttpVersion.Http11 ? "HTTP/1.1 " : "HTTP/1.0 ")
            .Append(StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(ReasonPhrases.For(StatusCode)).Append("\r\n");
        foreach (var header in _headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        if (connection is not null)
        {
            head.Append("Connection: ").Append(connection).Append("\r\n");
        }

        return head;
    }
}
