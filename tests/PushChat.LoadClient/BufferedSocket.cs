using System.Net;
using System.Net.Sockets;
using System.Text;
using PushChat.LoadClient.Streams;
using PushChat.LoadClient.Tls;

namespace PushChat.LoadClient;

/// <summary>
/// A blocking client socket with a receive buffer, for HTTP handshakes and request/answer
/// exchanges. Only synchronous calls are made on it, so the runtime never registers it with its
/// own epoll set and a <see cref="ReaderLoop"/> can take it over after the handshake. Over TLS
/// the buffer holds decrypted bytes: each receive is fed to the connection's <see cref="Tls"/>,
/// which decrypts into it.
/// </summary>
internal sealed class BufferedSocket : IStreamDecoder, IDisposable
{
    private readonly TlsClientSettings? _tlsSettings;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public BufferedSocket(int bufferBytes, TimeSpan timeout, TlsClientSettings? tls = null)
    {
        _tlsSettings = tls;
        _buffer = new byte[bufferBytes];
        Socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        Socket.SendTimeout = (int)timeout.TotalMilliseconds;
    }

    public Socket Socket { get; } = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    /// <summary>The connection's TLS, once connected, when the server is spoken to over TLS; null for plain TCP.</summary>
    public TlsConnection? Tls { get; private set; }

    // IP_BIND_ADDRESS_NO_PORT (Linux): the ephemeral port is chosen at connect, per destination,
    // not at bind, so one source address serves every node with the whole port range each.
    private const int IpProtocolLevel = 0;
    private const int BindAddressNoPort = 24;

    /// <summary>Connects, from <paramref name="source"/> when given (a loopback address of this client process's own).</summary>
    public void Connect(IPEndPoint server, IPAddress? source = null)
    {
        if (source is not null)
        {
            if (OperatingSystem.IsLinux())
            {
                Socket.SetRawSocketOption(IpProtocolLevel, BindAddressNoPort, BitConverter.GetBytes(1));
            }

            Socket.Bind(new IPEndPoint(source, 0));
        }

        Socket.Connect(server);
        if (_tlsSettings is not null)
        {
            Tls = new TlsConnection(Socket, this);
            Tls.Handshake(_tlsSettings);
        }
    }

    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    /// <summary>Sends everything, blocking while the socket buffer is full.</summary>
    public void Send(ReadOnlySpan<byte> bytes)
    {
        if (Tls is not null)
        {
            Tls.Write(bytes);
            return;
        }

        while (!bytes.IsEmpty)
        {
            bytes = bytes.Slice(Socket.Send(bytes, SocketFlags.None));
        }
    }

    /// <summary>The bytes received past the last head read, handed over once.</summary>
    public ReadOnlySpan<byte> TakeBuffered()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        _start = _end = 0;
        return span;
    }

    /// <summary>The bytes buffered past the last head read, or else the next bytes received; handed over once.</summary>
    public ReadOnlySpan<byte> ReceiveSome()
    {
        if (_end == _start)
        {
            _start = _end = 0;
            Fill();
        }

        return TakeBuffered();
    }

    /// <summary>Reads an HTTP response head; the bytes after it stay buffered for the body.</summary>
    public ResponseHead ReadHead()
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

            Fill();
        }
    }

    /// <summary>Reads up to and including the next line feed; returns the line without it.</summary>
    public string ReadLine()
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (end >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, end);
                _start += end + 1;
                return line;
            }

            Fill();
        }
    }

    /// <summary>Reads a response body of known length as text (a refusal's reason).</summary>
    public string ReadText(int length)
    {
        var bytes = new byte[length];
        for (var at = 0; at < length;)
        {
            if (_end == _start)
            {
                Fill();
            }

            var take = Math.Min(length - at, _end - _start);
            Buffer.BlockCopy(_buffer, _start, bytes, at, take);
            _start += take;
            at += take;
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Discards a response body of known length.</summary>
    public void Skip(long length)
    {
        while (length > 0)
        {
            if (_end == _start)
            {
                Fill();
            }

            var take = (int)Math.Min(length, _end - _start);
            _start += take;
            length -= take;
        }
    }

    /// <summary>Drops the buffer once the socket is read elsewhere: thousands of readers keep none.</summary>
    public void ReleaseBuffer()
    {
        _buffer = Array.Empty<byte>();
        _start = _end = 0;
    }

    public void Dispose()
    {
        Tls?.Dispose();
        Socket.Dispose();
    }

    /// <summary>Takes decrypted bytes into the buffer, growing it: a record may decrypt to more than the room a receive left.</summary>
    void IStreamDecoder.Feed(ReadOnlySpan<byte> data, long now)
    {
        if (_buffer.Length - _end < data.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _end + data.Length));
        }

        data.CopyTo(_buffer.AsSpan(_end));
        _end += data.Length;
    }

    private void Fill()
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

        if (Tls is not null)
        {
            FillDecrypted();
            return;
        }

        var read = Socket.Receive(_buffer.AsSpan(_end), SocketFlags.None);
        if (read == 0)
        {
            throw new InvalidDataException("The server closed the connection.");
        }

        _end += read;
    }

    /// <summary>Receives until some bytes are decrypted: a receive may end inside a record.</summary>
    private void FillDecrypted()
    {
        Span<byte> received = stackalloc byte[16 * 1024];
        var end = _end;
        while (_end == end)
        {
            var read = Socket.Receive(received.Slice(0, Math.Min(received.Length, _buffer.Length - _end)), SocketFlags.None);
            if (read == 0 || Tls!.Ended)
            {
                throw new InvalidDataException("The server closed the connection.");
            }

            Tls.Feed(received.Slice(0, read), System.Diagnostics.Stopwatch.GetTimestamp());
        }
    }
}
