using System.Net;
using PushChat.Internal.Push;

namespace PushChat.Internal.Http;

/// <summary>
/// What a handler may do with the connection a request came on: see who is at the other end and
/// answer, with a short response, a push stream or an upgrade. Sockets, queues and timers stay
/// with the transport, so a handler can be driven by anything that answers this way.
/// </summary>
internal interface IHttpConnection
{
    /// <summary>
    /// The peer of the socket: the client itself, or a proxy speaking for it. Whether the
    /// request came over TLS is <see cref="HttpRequest.IsHttps"/>, which also believes a trusted proxy.
    /// </summary>
    IPEndPoint RemoteEndPoint { get; }

    /// <summary>Answers <paramref name="request"/> with a complete response; the connection closes after it when needed.</summary>
    void Send(HttpResponse response, HttpRequest request);

    /// <summary>Answers <paramref name="request"/> with <paramref name="head"/> and keeps the response open: the body is what the returned transport carries.</summary>
    IPushTransport StartStream(HttpResponse head, HttpRequest request);

    /// <summary>
    /// Answers 101 and hands the connection to <paramref name="protocol"/>: every later byte the
    /// client sends goes to it, and it writes through the returned transport, whose bytes go out
    /// as they are (the protocol frames them). Only an HTTP/1.1 request may be upgraded (RFC 9110 §7.8).
    /// </summary>
    IPushTransport Upgrade(HttpRequest request, string protocolName, IUpgradedProtocol protocol);

    /// <summary>
    /// As <see cref="Upgrade(HttpRequest, string, IUpgradedProtocol)"/>, answering with
    /// <paramref name="switching"/> (a 101 carrying the headers the protocol's handshake needs,
    /// such as <c>Sec-WebSocket-Accept</c>).
    /// </summary>
    IPushTransport Upgrade(HttpRequest request, HttpResponse switching, string protocolName, IUpgradedProtocol protocol);
}
