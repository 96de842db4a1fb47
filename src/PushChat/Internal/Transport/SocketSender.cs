using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// Sends a plain connection's writes as gather lists: one system call takes every piece, the
/// shared buffers of pushed lines included, with nothing copied. One reused
/// <see cref="SocketAsyncEventArgs"/> completes every send, so an unfinished send costs no task.
/// </summary>
internal sealed class SocketSender : OutboundSender
{
    private const int Idle = 0;
    private const int Sending = 1;
    private const int Released = 2;

    private readonly Socket _socket;
    private readonly List<ArraySegment<byte>> _buffers = new(WritePieces.MaxPieces);
    private SocketAsyncEventArgs? _args;
    private WritePieces? _sending;

    // Idle, Sending or Released: whoever ends a send or releases last disposes the arguments, so
    // that they are freed without a finalizer and never while the socket still uses them.
    private int _state;

    public SocketSender(Socket socket, OutboundQueue queue)
        : base(queue) => _socket = socket;

    /// <summary>The socket's send buffer, which holds what was sent and the peer has not taken yet (for tests).</summary>
    public int SendBufferSize => _socket.SendBufferSize;

    public override bool Send(WritePieces pieces)
    {
        // Made at the first write: a connection that only ever asks stays without one.
        var args = _args ??= CreateArgs();
        if (Interlocked.CompareExchange(ref _state, Sending, Idle) != Idle)
        {
            pieces.Clear();
            Queue.Fail(new ObjectDisposedException(nameof(SocketSender)));
            return false;
        }

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
            args.BufferList = null;
            _buffers.Clear();
            pieces.Clear();
            EndSend(args);
            Queue.Fail(ex);
            return false;
        }

        return !pending && Finish(args);
    }

    public override void Release()
    {
        if (Interlocked.Exchange(ref _state, Released) == Idle)
        {
            _args?.Dispose();
        }
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

    /// <summary>Back to idle after a send, or, released meanwhile, frees the arguments now that the socket is done with them.</summary>
    private void EndSend(SocketAsyncEventArgs args)
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Sending) == Released)
        {
            args.Dispose();
        }
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
        EndSend(args);
        if (!complete)
        {
            Queue.Fail(error != SocketError.Success ? new SocketException((int)error) : new IOException("The socket sent part of a write."));
            return false;
        }

        NoteSent(bytes);
        return true;
    }
}
