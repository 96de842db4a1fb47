using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Tls;

/// <summary>A test client that speaks raw HTTP/1.1 over TLS and trusts only the test certificate.</summary>
internal sealed class TlsHttpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SslStream _tls;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly StringBuilder _received = new();

    private TlsHttpClient(Socket socket, SslStream tls)
    {
        _socket = socket;
        _tls = tls;
    }

    /// <summary>All text received so far (heads, chunk framing and bodies).</summary>
    public string Received => _received.ToString();

    /// <summary>The TLS record types received, when connected with <c>tap: true</c> (which also keeps to TLS 1.2, whose record types are in clear).</summary>
    public List<byte>? RecordTypes { get; private init; }

    public static async Task<TlsHttpClient> ConnectAsync(IPEndPoint endPoint, bool tap = false, CookieJar? cookies = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        await socket.ConnectAsync(endPoint, timeout.Token);
        var network = new NetworkStream(socket, ownsSocket: true);
        var recorder = tap ? new TlsRecordTap(network) : null;
        var tls = new SslStream(recorder ?? (Stream)network);
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = tap ? SslProtocols.Tls12 : SslProtocols.Tls12 | SslProtocols.Tls13,

                // Pinned: the server must present exactly the test certificate.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString() == TestCertificate.Instance.GetCertHashString(),
            },
            timeout.Token);
        return new TlsHttpClient(socket, tls) { RecordTypes = recorder?.RecordTypes, Cookies = cookies };
    }

    /// <summary>The browser's cookies for the server, sent with each request and filled from each answer; null for none.</summary>
    public CookieJar? Cookies { get; set; }

    public async Task SendAsync(string raw)
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        await _tls.WriteAsync(Encoding.UTF8.GetBytes(Cookies?.AddTo(raw) ?? raw), timeout.Token);
        await _tls.FlushAsync(timeout.Token);
    }

    /// <summary>Reads until the text received contains <paramref name="marker"/>; returns all text so far.</summary>
    public async Task<string> ReadUntilAsync(string marker)
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        while (!_received.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var read = await _tls.ReadAsync(_buffer, timeout.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"The server closed before '{marker}' arrived. Received:\n{_received}");
            }

            _received.Append(Encoding.UTF8.GetString(_buffer, 0, read));
        }

        return _received.ToString();
    }

    /// <summary>Sends a request and reads one Content-Length response whole.</summary>
    public async Task<RawResponse> RequestAsync(string raw)
    {
        _received.Clear();
        await SendAsync(raw);
        var text = await ReadUntilAsync("\r\n\r\n");
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = text[..headEnd].Split("\r\n");
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

        var length = int.Parse(headers["Content-Length"], System.Globalization.CultureInfo.InvariantCulture);
        while (Encoding.UTF8.GetByteCount(_received.ToString()[(headEnd + 4)..]) < length)
        {
            await ReadMoreAsync();
        }

        var body = _received.ToString()[(headEnd + 4)..];
        _received.Clear();
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var response = new RawResponse(status, headers, body, lines[0]) { SetCookies = setCookies };
        Cookies?.Receive(response);
        return response;
    }

    /// <summary>Reads until the server closes; true when it did.</summary>
    public async Task<bool> ReadToEndAsync()
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        while (await _tls.ReadAsync(_buffer, timeout.Token) is var read and > 0)
        {
            _received.Append(Encoding.UTF8.GetString(_buffer, 0, read));
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _socket.Dispose();
    }

    private async Task ReadMoreAsync()
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        var read = await _tls.ReadAsync(_buffer, timeout.Token);
        if (read == 0)
        {
            throw new EndOfStreamException($"The server closed in the middle of a response. Received:\n{_received}");
        }

        _received.Append(Encoding.UTF8.GetString(_buffer, 0, read));
    }
}
