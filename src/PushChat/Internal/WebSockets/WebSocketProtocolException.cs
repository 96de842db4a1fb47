using System;

namespace PushChat.Internal.WebSockets;

/// <summary>The peer broke RFC 6455: the connection is closed with <see cref="CloseCode"/> and this message as reason.</summary>
internal sealed class WebSocketProtocolException : Exception
{
    public WebSocketProtocolException(ushort closeCode, string message)
        : base(message) => CloseCode = closeCode;

    public WebSocketProtocolException()
    {
    }

    public WebSocketProtocolException(string message)
        : base(message)
    {
    }

    public WebSocketProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ushort CloseCode { get; } = WebSocketCloseCode.ProtocolError;
}
