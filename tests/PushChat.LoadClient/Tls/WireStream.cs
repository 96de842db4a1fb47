using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace PushChat.LoadClient.Tls;

/// <summary>
/// The encrypted side of one client TLS connection, under its <see cref="System.Net.Security.SslStream"/>.
/// Synchronous reads (the handshake, on the ramp-up's blocking socket) receive from the socket;
/// asynchronous reads are never answered by the socket but by <see cref="Deliver"/>, from whoever
/// read it (a reader loop's epoll, a speaker's receive), and the TLS reads they complete run on
/// that caller's thread before it returns. So the epoll loops carry TLS as they carry plain
/// streams: no thread-pool item, task or buffer per read. Writes are few and small (requests,
/// pongs) and block.
/// </summary>
internal sealed unsafe class WireStream : Stream, IValueTaskSource<int>
{
    private readonly Socket _socket;

    // Continuations run inline, on the thread that delivers.
    private ManualResetValueTaskSourceCore<int> _read = new() { RunContinuationsAsynchronously = false };
    private Memory<byte> _waitingBuffer;
    private bool _waiting;
    private byte* _delivered;
    private int _deliveredLength;

    public WireStream(Socket socket) => _socket = socket;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Hands received bytes to the read in wait; it and the reads it leads to take them before
    /// this returns. Returns how many bytes nothing read (the TLS stream ended or failed).
    /// </summary>
    public int Deliver(ReadOnlySpan<byte> data)
    {
        fixed (byte* bytes = data)
        {
            _delivered = bytes;
            _deliveredLength = data.Length;
            try
            {
                // A zero-byte read in wait is answered 0 ("bytes are here"); the read it leads to takes them.
                while (_waiting && _deliveredLength > 0)
                {
                    _waiting = false;
                    var taken = Take(_waitingBuffer.Span);
                    _waitingBuffer = default;
                    _read.SetResult(taken);
                }

                return _deliveredLength;
            }
            finally
            {
                _delivered = null;
                _deliveredLength = 0;
            }
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_deliveredLength > 0)
        {
            return new ValueTask<int>(Take(buffer.Span));
        }

        _read.Reset();
        _waitingBuffer = buffer;
        _waiting = true;
        return new ValueTask<int>(this, _read.Version);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer) => _socket.Receive(buffer, SocketFlags.None);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer.Slice(_socket.Send(buffer, SocketFlags.None));
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return default;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    int IValueTaskSource<int>.GetResult(short token) => _read.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _read.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _read.OnCompleted(continuation, state, token, flags);

    private int Take(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _deliveredLength);
        new ReadOnlySpan<byte>(_delivered, count).CopyTo(buffer);
        _delivered += count;
        _deliveredLength -= count;
        return count;
    }
}
