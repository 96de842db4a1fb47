using System.Text;
using PushChat.Internal.Http;

namespace PushChat.Internal.Chat.Pages;

/// <summary>Responses with the chat's security headers.</summary>
internal static class ChatResponses
{
    // Frames, styles, scripts and streams (EventSource, WebSocket) of our own are allowed; nothing else loads or runs, and no inline script or style.
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

    public static HttpResponse Page(int statusCode, string html) =>
        Secure(new HttpResponse(statusCode, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html)));

    /// <summary>The head of the chat and names frames: HTML streamed as it is written, through any proxy.</summary>
    public static HttpResponse StreamHead(int statusCode = 200) =>
        Secure(new HttpResponse(statusCode, "text/html; charset=utf-8"))
            .With("X-Accel-Buffering", "no");

    /// <summary>The head of a Server-Sent Events stream: never cached, transformed or buffered on its way.</summary>
    public static HttpResponse EventStreamHead() =>
        new HttpResponse(200, "text/event-stream; charset=utf-8")
            .With("Cache-Control", "no-cache, no-transform")
            .With("X-Accel-Buffering", "no")
            .With("X-Content-Type-Options", "nosniff");

    public static HttpResponse SeeOther(string location) =>
        Secure(new HttpResponse(303)).With("Location", location);

    public static HttpResponse Text(int statusCode, string text) =>
        new HttpResponse(statusCode, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text))
            .With("Cache-Control", "no-store")
            .With("X-Content-Type-Options", "nosniff");

    private static HttpResponse Secure(HttpResponse response) => response
        .With("Cache-Control", "no-store, no-transform")
        .With("Content-Security-Policy", ContentSecurityPolicy)
        .With("Referrer-Policy", "no-referrer")
        .With("X-Content-Type-Options", "nosniff")
        .With("X-Frame-Options", "SAMEORIGIN");
}
