using System;

namespace PushChat.Internal.WebSockets;

/// <summary>
/// What one WebSocket may cost the server and how long it may stay silent. Control frames are
/// fixed at 125 bytes by RFC 6455 (section 5.5) and not configurable.
/// </summary>
internal sealed record WebSocketLimits
{
    /// <summary>The defaults of the chat's <c>/ws</c> (PROTOCOL.md).</summary>
    public static WebSocketLimits Default { get; } = new();

    /// <summary>
    /// The largest message from a client, all its fragments together; larger closes with 1009.
    /// Default 64 KiB: a chat line or command is a few hundred bytes, and every connection may
    /// hold this much while a message arrives.
    /// </summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// Silence from the client after which the server pings it. Default 30 seconds: below the
    /// idle cut-off of common proxies and NATs (60 seconds and more), so a quiet reader stays connected.
    /// </summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Silence (not even a pong) after which the connection is closed with 1001. Default 60
    /// seconds: a client that answers pings at all answers one within the 30 seconds left.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the server waits for the client's answer to its close frame before it ends the
    /// connection anyway (RFC 6455, section 7.1.1). Default 5 seconds.
    /// </summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
