using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PushChat.Internal.Transport;

/// <summary>
/// Sends a plain connection's writes as gather lists: one system call takes every piece, the
/// shared buffers of pushed lines included, with nothing copied. One reused
/// <see cref="SocketAsyncEventArgs"/> completes every send, so an unfinished send costs no task.
/// </summary>
internal sealed class SocketSender : OutboundSender
{
    private readonly Socket _socket;
    private readonly List<ArraySegment<byte>> _buffers = new(WritePieces.MaxPieces);
    private SocketAsyncEventArgs? _args;
    private WritePieces? _sending;

    public SocketSender(Socket socket, OutboundQueue queue)
        : base(queue) => _socket = socket;

    /// <summary>The socket's send buffer, which holds what was sent and the peer has not taken yet (for tests).</summary>
    public int SendBufferSize => _socket.SendBufferSize;

    public override bool Send(WritePieces pieces)
    {
        // Made at the first write: a connection that only ever asks stays without one.
        var args = _args ??= CreateArgs();
        _sending = pieces;
        bool pending;
        try
        {
            // Always a list, one buffer or more: measured on Linux, the single-buffer send
            // allocated about 60 bytes per write on this path, the list none.
            foreach (var piece in pieces.Pieces)
            {
                _buffers.Add(ArrayOf(piece));
            }

            args.BufferList = _buffers;
            pending = _socket.SendAsync(args);
        }
#pragma warning disable CA1031 // Whatever a send throws, the connection is gone; the writer loop must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _sending = null;
            pieces.Clear();
            Queue.Fail(ex);
            return false;
        }

        return !pending && Finish(args);
    }

    private static ArraySegment<byte> ArrayOf(ReadOnlyMemory<byte> piece) =>
        MemoryMarshal.TryGetArray(piece, out var segment) ? segment : throw new InvalidOperationException("Every outbound buffer is an array.");

    private static void OnCompleted(object? sender, SocketAsyncEventArgs args)
    {
        var self = (SocketSender)args.UserToken!;
        if (self.Finish(args))
        {
            // The send finished on a thread-pool thread; the next write is the writer loop's.
            self.Queue.ContinueLater();
        }
    }

    private SocketAsyncEventArgs CreateArgs()
    {
#if NET
        var args = new SocketAsyncEventArgs(true);
#else
        var args = new SocketAsyncEventArgs();
#endif
        args.UserToken = this;
        args.Completed += OnCompleted;
        return args;
    }

    /// <summary>A send ended: true when every byte went; else the queue is told it failed.</summary>
    private bool Finish(SocketAsyncEventArgs args)
    {
        var pieces = _sending!;
        _sending = null;
        var error = args.SocketError;
        var complete = error == SocketError.Success && args.BytesTransferred == pieces.Bytes;
        var bytes = pieces.Bytes;

        // The shared buffers are not kept alive by a connection that waits for its next line.
        args.BufferList = null;
        _buffers.Clear();
        pieces.Clear();
        if (!complete)
        {
            Queue.Fail(error != SocketError.Success ? new SocketException((int)error) : new IOException("The socket sent part of a write."));
            return false;
        }

        Queue.NoteSent(bytes);
        return true;
    }
}
