using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PushChat.LoadClient;

/// <summary>A client socket with a receive buffer, for HTTP handshakes and then raw stream reads.</summary>
internal sealed class BufferedSocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    public BufferedSocket(int bufferBytes) => _buffer = new byte[bufferBytes];

    public Task ConnectAsync(IPEndPoint server) => _socket.ConnectAsync(server);

    /// <summary>Sends on the calling thread, blocking while the socket buffer is full.</summary>
    public void Send(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes.Slice(_socket.Send(bytes, SocketFlags.None));
        }
    }

    /// <summary>The bytes received past the last head read, handed over once.</summary>
    public ReadOnlySpan<byte> TakeBuffered()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        _start = _end = 0;
        return span;
    }

    /// <summary>Receives into the whole buffer; empty at the end of the stream.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync()
    {
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
        return _buffer.AsMemory(0, read);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None).ConfigureAwait(false);
        }
    }

    /// <summary>Reads an HTTP response head; the bytes after it stay buffered for the body.</summary>
    public async Task<ResponseHead> ReadHeadAsync()
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = ResponseHead.Parse(Encoding.ASCII.GetString(_buffer, _start, end));
                _start += end + 4;
                return head;
            }

            await FillAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Discards a response body of known length.</summary>
    public async Task SkipAsync(long length)
    {
        while (length > 0)
        {
            if (_end == _start)
            {
                await FillAsync().ConfigureAwait(false);
            }

            var take = (int)Math.Min(length, _end - _start);
            _start += take;
            length -= take;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidDataException("Response head too large.");
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None).ConfigureAwait(false);
        if (read == 0)
        {
            throw new InvalidDataException("The server closed the connection during the handshake.");
        }

        _end += read;
    }
}
