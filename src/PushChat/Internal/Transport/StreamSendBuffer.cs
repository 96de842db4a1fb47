using System;
using System.Net.Sockets;

namespace PushChat.Internal.Transport;

/// <summary>
/// A stream lives long and is fed by the server: left to the kernel, its send buffer grows to
/// megabytes for a reader that stops reading, all of it held for that one reader on top of its
/// queue. A fixed size keeps what a slow reader costs near the documented bound.
/// </summary>
internal static class StreamSendBuffer
{
    /// <summary>Fixes <paramref name="socket"/>'s send buffer at <paramref name="bytes"/>, once its answer became a stream or another protocol.</summary>
    public static void Limit(Socket socket, int bytes)
    {
        try
        {
            socket.SendBufferSize = bytes;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The socket is closing; the stream ends with it.
        }
    }
}
