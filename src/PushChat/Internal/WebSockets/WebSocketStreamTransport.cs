using System;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Internal.WebSockets;

/// <summary>
/// The transport a push stream writes a WebSocket reader's items through: pre-framed frames (built
/// once with <see cref="WebSocketFrameWriter.TextFrame"/> and shared by every reader) go out as
/// they are, but only while the socket is open, so none follows the close frame (RFC 6455,
/// section 5.5.1), and none is lost before the upgrade's transport is attached. Ending the stream
/// starts the close handshake instead of cutting the connection.
/// </summary>
internal sealed class WebSocketStreamTransport : IPushTransport
{
    private readonly WebSocketConnection _socket;
    private readonly WebSocketOutput _output;

    public WebSocketStreamTransport(WebSocketConnection socket, WebSocketOutput output)
    {
        _socket = socket;
        _output = output;
    }

    /// <summary>Queues whole frames (not bare text); false once the socket is closing or closed.</summary>
    public bool Write(ReadOnlyMemory<byte> body, DrainBatch? batch, bool bounded) => _output.Send(body, bounded);

    /// <summary>Queues a whole control frame at once; false once the socket is closing or closed.</summary>
    public bool WriteNow(ReadOnlyMemory<byte> body, bool bounded) => _output.SendControl(body, bounded);

    /// <inheritdoc />
    public void WriteReplay(ReadOnlyMemory<byte>[] lines) => _output.WriteReplay(lines);

    /// <inheritdoc />
    public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, WriteStarts starts) => _output.Deliver(lines, starts);

    /// <summary>Sends <paramref name="finalBody"/> (whole frames), then closes with 1000; a stream that ends for a reason closes with <see cref="WebSocketConnection.Close"/> and its code instead.</summary>
    public void EndStream(ReadOnlyMemory<byte> finalBody)
    {
        if (!finalBody.IsEmpty)
        {
            _output.Send(finalBody, bounded: false);
        }

        _socket.Close(WebSocketCloseCode.Normal, string.Empty);
    }

    /// <inheritdoc />
    public void SetClosedHandler(Action onClosed) => _socket.SetClosedHandler(onClosed);
}
