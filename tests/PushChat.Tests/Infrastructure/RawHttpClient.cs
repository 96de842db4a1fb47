using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PushChat.Tests.Infrastructure;

/// <summary>A test client that speaks raw HTTP/1.x bytes over a real loopback socket.</summary>
public sealed class RawHttpClient : IAsyncDisposable
{
    /// <summary>A safety net so a broken server fails a test instead of hanging it; never a synchronisation.</summary>
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(20);

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _pending = new();
    private readonly StringBuilder _streamText = new();
    private bool _chunked;

    private RawHttpClient(Socket socket) => _socket = socket;

    /// <summary>Connects; <paramref name="from"/> binds the client end first (any 127.x.y.z on Linux) to be another client address.</summary>
    public static async Task<RawHttpClient> ConnectAsync(IPEndPoint endPoint, int? receiveBufferSize = null, IPAddress? from = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(from, 0));
        }

        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        using var timeout = new CancellationTokenSource(SafetyTimeout);
        await socket.ConnectAsync(endPoint, timeout.Token);
        return new RawHttpClient(socket);
    }

    /// <summary>
    /// The browser's cookies for this server, when the client acts as that browser: each request
    /// sent as text carries them and each response's <c>Set-Cookie</c> goes into them. Null (a
    /// client with no cookies, such as one that found a chat link elsewhere) sends the bytes as written.
    /// </summary>
    public CookieJar? Cookies { get; set; }

    /// <summary>All body text of a streaming response received so far.</summary>
    public string StreamText => _streamText.ToString();

    public Task SendAsync(string raw) => SendAsync(Encoding.UTF8.GetBytes(Cookies?.AddTo(raw) ?? raw));

    public async Task SendAsync(byte[] raw)
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        await _socket.SendAsync(raw, SocketFlags.None, timeout.Token);
    }

    /// <summary>Closes the sending side only, as some HTTP/1.0 clients do right after the request.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one response. A Content-Length body is read whole; a chunked body is left to <see cref="ReadStreamUntilAsync"/>.</summary>
    public async Task<RawResponse> ReadResponseAsync()
    {
        int headEnd;
        while ((headEnd = IndexOf(_pending, "\r\n\r\n"u8)) < 0)
        {
            if (!await FillAsync())
            {
                throw new EndOfStreamException("The server closed the connection before a complete response head.");
            }
        }

        var all = _pending.ToArray();
        var head = Encoding.ASCII.GetString(all, 0, headEnd);
        Consume(headEnd + 4);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var setCookies = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon]] = line[(colon + 1)..].Trim();
            if (string.Equals(line[..colon], "Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                setCookies.Add(line[(colon + 1)..].Trim());
            }
        }

        var body = string.Empty;
        if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            var length = int.Parse(lengthText, System.Globalization.CultureInfo.InvariantCulture);
            while (_pending.Length < length)
            {
                if (!await FillAsync())
                {
                    throw new EndOfStreamException("The server closed the connection in the middle of a body.");
                }
            }

            body = Encoding.UTF8.GetString(_pending.ToArray(), 0, length);
            Consume(length);
        }

        _chunked = headers.TryGetValue("Transfer-Encoding", out var te) && te == "chunked";
        var response = new RawResponse(status, headers, body, head.Split("\r\n")[0]) { SetCookies = setCookies };
        Cookies?.Receive(response);
        return response;
    }

    /// <summary>Reads a streaming body until its text contains <paramref name="marker"/>; returns the text so far.</summary>
    public async Task<string> ReadStreamUntilAsync(string marker)
    {
        var searchFrom = 0;
        while (true)
        {
            DecodeBody();
            if (Contains(marker, ref searchFrom))
            {
                return _streamText.ToString();
            }

            if (!await FillAsync())
            {
                DecodeBody();
                if (Contains(marker, ref searchFrom))
                {
                    return _streamText.ToString();
                }

                throw new EndOfStreamException($"The stream ended before '{marker}' arrived. Received:\n{Tail()}");
            }
        }
    }

    /// <summary>Reads a streaming body until <paramref name="done"/> holds for its text; returns the text so far.</summary>
    public async Task<string> ReadStreamUntilAsync(Func<string, bool> done, string what)
    {
        while (true)
        {
            DecodeBody();
            var text = _streamText.ToString();
            if (done(text))
            {
                return text;
            }

            if (!await FillAsync())
            {
                DecodeBody();
                text = _streamText.ToString();
                return done(text) ? text : throw new EndOfStreamException($"The stream ended before {what}. Received:\n{Tail()}");
            }
        }
    }

    /// <summary>Reads raw bytes (no HTTP framing, e.g. after an upgrade) until they end with <paramref name="marker"/>.</summary>
    public async Task<string> ReadRawUntilAsync(string marker)
    {
        while (!Encoding.UTF8.GetString(_pending.ToArray()).EndsWith(marker, StringComparison.Ordinal))
        {
            if (!await FillAsync())
            {
                throw new EndOfStreamException($"The connection closed before '{marker}' arrived.");
            }
        }

        var text = Encoding.UTF8.GetString(_pending.ToArray());
        Consume((int)_pending.Length);
        return text;
    }

    /// <summary>Forgets the stream text received so far (keeps memory flat in long tests).</summary>
    public void ClearStreamText() => _streamText.Clear();

    /// <summary>Reads until the server closes the connection; true when it did (rather than a reset).</summary>
    public async Task<bool> ReadToEndAsync()
    {
        try
        {
            while (await FillAsync())
            {
            }

            DecodeBody();
            return true;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> FillAsync()
    {
        using var timeout = new CancellationTokenSource(SafetyTimeout);
        int read;
        try
        {
            read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Nothing arrived within {SafetyTimeout}. Received so far:\n{Tail()}");
        }

        if (read == 0)
        {
            return false;
        }

        _pending.Seek(0, SeekOrigin.End);
        _pending.Write(_buffer, 0, read);
        return true;
    }

    /// <summary>Moves whole chunks (or raw bytes for a non-chunked stream) from the pending bytes to the stream text.</summary>
    private void DecodeBody()
    {
        if (!_chunked)
        {
            _streamText.Append(Encoding.UTF8.GetString(_pending.ToArray()));
            Consume((int)_pending.Length);
            return;
        }

        while (true)
        {
            var lineEnd = IndexOf(_pending, "\r\n"u8);
            if (lineEnd < 0)
            {
                return;
            }

            var all = _pending.GetBuffer();
            var size = Convert.ToInt32(Encoding.ASCII.GetString(all, 0, lineEnd), 16);
            if (_pending.Length < lineEnd + 2 + size + 2)
            {
                return;
            }

            _streamText.Append(Encoding.UTF8.GetString(all, lineEnd + 2, size));
            Consume(lineEnd + 2 + size + 2);
            if (size == 0)
            {
                _chunked = false;
                return;
            }
        }
    }

    private bool Contains(string marker, ref int searchFrom)
    {
        var start = Math.Max(0, Math.Min(searchFrom, _streamText.Length - marker.Length));
        var found = _streamText.ToString(start, _streamText.Length - start).Contains(marker, StringComparison.Ordinal);
        searchFrom = _streamText.Length;
        return found;
    }

    private string Tail() => _streamText.Length <= 2000 ? _streamText.ToString() : "…" + _streamText.ToString(_streamText.Length - 2000, 2000);

    private void Consume(int count)
    {
        var buffer = _pending.GetBuffer();
        var rest = (int)_pending.Length - count;
        Buffer.BlockCopy(buffer, count, buffer, 0, rest);
        _pending.SetLength(rest);
    }

    private static int IndexOf(MemoryStream stream, ReadOnlySpan<byte> pattern) =>
        stream.GetBuffer().AsSpan(0, (int)stream.Length).IndexOf(pattern);
}

public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, string StatusLine)
{
    /// <summary>Every <c>Set-Cookie</c> field of the response, in order (<see cref="Headers"/> keeps only the last).</summary>
    public IReadOnlyList<string> SetCookies { get; init; } = [];
}
