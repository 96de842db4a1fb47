using System.Buffers;
using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>Feeds bytes to a connection the way the receive loop does: what it did not consume comes again with more.</summary>
internal sealed class ReceiveLoop(WebSocketConnection connection)
{
    private byte[] _unconsumed = [];

    public void Receive(byte[] bytes)
    {
        var all = _unconsumed.Concat(bytes).ToArray();
        var buffer = new ReadOnlySequence<byte>(all);
        var consumed = buffer.Slice(0, connection.OnReceived(buffer)).Length;
        _unconsumed = all[(int)consumed..];
    }
}
