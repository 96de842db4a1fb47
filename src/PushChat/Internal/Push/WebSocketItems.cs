using System;
using System.Collections.Generic;
using PushChat.Internal.WebSockets;

namespace PushChat.Internal.Push;

/// <summary>
/// The items of a WebSocket connection (<c>GET /ws</c>): each one text frame of JSON, shared by
/// every reader; the reader's cursor is the positions the items carry (see PROTOCOL.md).
/// </summary>
internal sealed class WebSocketItems : JsonItemStream
{
    private readonly Action<string> _close;

    /// <param name="transport">The upgraded connection.</param>
    /// <param name="reader">Whose stream it is.</param>
    /// <param name="now">The clock's timestamp now.</param>
    /// <param name="onClosed">Told once, when the transport closed.</param>
    /// <param name="onDeliveryFailed">Told when a delivery threw; the stream then ends.</param>
    /// <param name="close">Closes the connection after the goodbye, with the close code the reason calls for.</param>
    public WebSocketItems(IPushTransport transport, IPushReader reader, long now, Action<IPushStream> onClosed, Action<IPushReader, Exception>? onDeliveryFailed, Action<string> close)
        : base(transport, reader, now, onClosed, onDeliveryFailed) =>
        _close = close;

    public override LineFormat Format => LineFormat.WebSocket;

    /// <summary>Nothing: the connection pings by itself when the client is silent (<see cref="WebSocketKeepAlive"/>).</summary>
    protected override ReadOnlyMemory<byte> KeepAliveBytes => ReadOnlyMemory<byte>.Empty;

    protected override void AddItem(List<ReadOnlyMemory<byte>> pieces, PushItem item, StreamCursor? id) =>
        pieces.Add(item.Framed(LineFormat.WebSocket, Reader.LanguageIndex));

    protected override void AddEvent(List<ReadOnlyMemory<byte>> pieces, string name, byte[] json, StreamCursor? id) =>
        pieces.Add(WebSocketFrameWriter.Frame(WebSocketOpcode.Text, json));

    protected override void Finish(List<ReadOnlyMemory<byte>> pieces, string reason)
    {
        foreach (var piece in pieces)
        {
            Transport.Write(piece, batch: null, bounded: false);
        }

        _close(reason);
    }
}
