using System;
using System.Text;
using PushChat.Internal.Http;

namespace PushChat.Internal.WebSockets;

/// <summary>
/// Decides whether a request may become a WebSocket (RFC 6455, section 4.2.1) and builds the 101
/// answer. The <c>Origin</c> check stops another site's page from opening a socket with a
/// visitor's cookie (cross-site WebSocket hijacking): browsers always send <c>Origin</c> on a
/// WebSocket, so one that names another site is refused; clients that are not browsers send none
/// and are let in, since they carry no visitor's cookie.
/// </summary>
internal static class WebSocketUpgrade
{
    /// <summary>The token of the <c>Upgrade</c> header.</summary>
    public const string ProtocolName = "websocket";

    private const string Version = "13";

    /// <summary>Null when <paramref name="request"/> is an acceptable upgrade; otherwise the response that refuses it (the connection closes after it).</summary>
    public static HttpResponse? Refusal(HttpRequest request)
    {
        var refusal = Check(request);
        if (refusal is not null)
        {
            refusal.CloseConnection = true;
        }

        return refusal;
    }

    /// <summary>The 101 answer to an acceptable upgrade, with the key's <c>Sec-WebSocket-Accept</c>; no extension or subprotocol is agreed.</summary>
    public static HttpResponse SwitchingProtocols(HttpRequest request) =>
        new HttpResponse(101).With("Sec-WebSocket-Accept", WebSocketHandshake.AcceptFor(request.Headers["Sec-WebSocket-Key"]!));

    /// <summary>
    /// Answers 101 on <paramref name="connection"/> and hands it to <paramref name="socket"/>,
    /// which writes through it from then on. Call only after <see cref="Refusal"/> returned null.
    /// </summary>
    public static void Accept(HttpRequest request, IHttpConnection connection, WebSocketConnection socket) =>
        socket.Attach(connection.Upgrade(request, SwitchingProtocols(request), ProtocolName, socket));

    private static HttpResponse? Check(HttpRequest request)
    {
        if (!string.Equals(request.Method, "GET", StringComparison.Ordinal))
        {
            return Text(405, "A WebSocket opens with GET.").With("Allow", "GET");
        }

        if (request.Version != HttpVersion.Http11)
        {
            return Text(400, "A WebSocket opens over HTTP/1.1.");
        }

        if (!request.Headers.ContainsToken("Upgrade", ProtocolName) || !request.Headers.ContainsToken("Connection", "upgrade"))
        {
            return Text(426, "This address speaks WebSocket only: ask for an upgrade to websocket.").With("Upgrade", ProtocolName);
        }

        if (request.Headers.CountOf("Sec-WebSocket-Version") != 1 || !string.Equals(request.Headers["Sec-WebSocket-Version"]!.Trim(), Version, StringComparison.Ordinal))
        {
            return Text(426, "This server speaks WebSocket version 13 only.").With("Upgrade", ProtocolName).With("Sec-WebSocket-Version", Version);
        }

        if (request.Headers.CountOf("Sec-WebSocket-Key") != 1 || !WebSocketHandshake.IsValidKey(request.Headers["Sec-WebSocket-Key"]!.Trim()))
        {
            return Text(400, "The Sec-WebSocket-Key header must be 16 bytes in base64.");
        }

        return IsOwnOrigin(request) ? null : Text(403, "This WebSocket was opened by a page of another site, which may not use your session here.");
    }

    // The page's origin must be the address the browser sent the upgrade to: its scheme and the
    // Host it named. Both go through the same normalisation, so a default port may be left out.
    private static bool IsOwnOrigin(HttpRequest request)
    {
        var count = request.Headers.CountOf("Origin");
        if (count == 0)
        {
            return true;
        }

        var host = request.Headers["Host"];
        if (count > 1 || host is null)
        {
            return false;
        }

        var own = CrossSiteCheck.Normalize((request.IsHttps ? "https://" : "http://") + host.Trim());
        var origin = CrossSiteCheck.Normalize(request.Headers["Origin"]!);
        return own is not null && string.Equals(own, origin, StringComparison.Ordinal);
    }

    private static HttpResponse Text(int status, string message) =>
        new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(message + "\n"));
}
