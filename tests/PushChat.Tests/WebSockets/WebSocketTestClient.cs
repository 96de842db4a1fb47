using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PushChat.Internal.WebSockets;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.WebSockets;

/// <summary>
/// A WebSocket client that writes whatever bytes a test crafts (masked frames, broken ones, split
/// anywhere) over a real loopback socket, and reads the server's frames, checking they are unmasked.
/// </summary>
internal sealed class WebSocketTestClient : IAsyncDisposable
{
    public const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<byte> _pending = new();

    private WebSocketTestClient(Socket socket) => _socket = socket;

    public static async Task<WebSocketTestClient> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        await socket.ConnectAsync(endPoint, timeout.Token);
        return new WebSocketTestClient(socket);
    }

    /// <summary>The opening handshake's request, as a client sends it.</summary>
    public static string UpgradeRequest(string extraHeaders = "") =>
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n{extraHeaders}\r\n";

    /// <summary>Sends the opening handshake (with anything the test wants right behind it) and reads the answer's head.</summary>
    public async Task<RawResponse> HandshakeAsync(string extraHeaders = "", byte[]? after = null)
    {
        await SendAsync(Encoding.ASCII.GetBytes(UpgradeRequest(extraHeaders)).Concat(after ?? []).ToArray());
        while (true)
        {
            var end = IndexOfHeadEnd();
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(_pending.GetRange(0, end).ToArray());
                _pending.RemoveRange(0, end + 4);
                var lines = head.Split("\r\n");
                var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
                return new RawResponse(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, "", lines[0]);
            }

            Assert.IsTrue(await ReceiveAsync(), "the server closed before answering the handshake");
        }
    }

    public async Task SendAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        await _socket.SendAsync(bytes, SocketFlags.None, timeout.Token);
    }

    /// <summary>Sends a masked frame.</summary>
    public Task SendFrameAsync(WebSocketOpcode opcode, byte[] payload, bool fin = true, int rsv = 0) =>
        SendAsync(Frames.Masked(opcode, payload, fin, rsv));

    public Task SendTextAsync(string text, bool fin = true) => SendFrameAsync(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(text), fin);

    /// <summary>Sends <paramref name="bytes"/> in writes of <paramref name="pieceSize"/> bytes.</summary>
    public async Task SendInPiecesAsync(byte[] bytes, int pieceSize)
    {
        for (var at = 0; at < bytes.Length; at += pieceSize)
        {
            await SendAsync(bytes[at..Math.Min(bytes.Length, at + pieceSize)]);
        }
    }

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>The next frame from the server; null when the server closed the connection.</summary>
    public async Task<ServerFrame?> ReadFrameAsync()
    {
        while (true)
        {
            if (TryTakeFrame(out var frame))
            {
                return frame;
            }

            if (!await ReceiveAsync())
            {
                Assert.AreEqual(0, _pending.Count, "the connection ended in the middle of a frame");
                return null;
            }
        }
    }

    /// <summary>Reads the next frame, which must be there.</summary>
    public async Task<ServerFrame> ExpectFrameAsync(WebSocketOpcode opcode)
    {
        var frame = await ReadFrameAsync();
        Assert.IsNotNull(frame, $"expected a {opcode} frame, the connection closed");
        Assert.AreEqual(opcode, frame.Opcode, frame.Opcode == WebSocketOpcode.Close ? $"closed with {frame.CloseCode}: {Encoding.UTF8.GetString(frame.Payload.AsSpan(2))}" : frame.Text);
        return frame;
    }

    public async Task<string> ExpectTextAsync() => (await ExpectFrameAsync(WebSocketOpcode.Text)).Text;

    /// <summary>The server's close frame must come next with <paramref name="code"/>, and then the end of the connection.</summary>
    public async Task ExpectCloseAsync(int code)
    {
        var close = await ExpectFrameAsync(WebSocketOpcode.Close);
        Assert.AreEqual(code, close.CloseCode);
        await ExpectEndAsync();
    }

    /// <summary>Nothing more comes: the server ends the connection.</summary>
    public async Task ExpectEndAsync()
    {
        var frame = await ReadFrameAsync();
        Assert.IsNull(frame, $"expected the end of the connection, got a {frame?.Opcode} frame");
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        int read;
        try
        {
            read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return false;
        }

        _pending.AddRange(_buffer.AsSpan(0, read).ToArray());
        return read > 0;
    }

    private int IndexOfHeadEnd()
    {
        for (var i = 0; i + 3 < _pending.Count; i++)
        {
            if (_pending[i] == '\r' && _pending[i + 1] == '\n' && _pending[i + 2] == '\r' && _pending[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private bool TryTakeFrame(out ServerFrame frame)
    {
        frame = null!;
        if (_pending.Count < 2)
        {
            return false;
        }

        Assert.AreEqual(0, _pending[1] & 0x80, "a server never masks its frames");
        var length7 = _pending[1] & 0x7F;
        var header = length7 switch { 126 => 4, 127 => 10, _ => 2 };
        if (_pending.Count < header)
        {
            return false;
        }

        var bytes = _pending.GetRange(0, header).ToArray();
        var length = length7 switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2)),
            127 => (long)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(2)),
            _ => length7,
        };
        if (_pending.Count < header + length)
        {
            return false;
        }

        frame = new ServerFrame((bytes[0] & 0x80) != 0, (bytes[0] >> 4) & 7, (WebSocketOpcode)(bytes[0] & 0x0F), _pending.GetRange(header, (int)length).ToArray());
        _pending.RemoveRange(0, header + (int)length);
        return true;
    }
}
