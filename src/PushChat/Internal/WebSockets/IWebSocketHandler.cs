using System;

namespace PushChat.Internal.WebSockets;

/// <summary>
/// What a <see cref="WebSocketConnection"/> hands on: whole text messages and its end. Both are
/// called on the connection's receive loop, one at a time, so a handler needs no lock of its own
/// against itself; a handler that blocks holds up that client's reading only.
/// </summary>
internal interface IWebSocketHandler
{
    /// <summary>A whole text message, valid UTF-8; the memory stays the handler's.</summary>
    void OnText(ReadOnlyMemory<byte> utf8);

    /// <summary>The connection closed, whoever closed it; called once, and nothing is called after it.</summary>
    void OnClosed();
}
