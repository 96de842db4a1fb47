using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Security.Authentication;
using PushChat.LoadClient.Native;
using PushChat.LoadClient.Streams;

namespace PushChat.LoadClient.Tls;

/// <summary>
/// The client side of TLS on one connection, fed by whoever reads its socket: the encrypted bytes
/// of each read go in through <see cref="Feed"/>, and every byte they decrypt to comes out,
/// before it returns, to <see cref="Onward"/> — the same stream decoder a plain connection's
/// reads go to, so only TLS differs. One read of the TLS stream is always in wait, on no buffer
/// (a zero-byte read): an idle connection keeps no decryption buffer.
/// </summary>
internal sealed class TlsConnection : IStreamDecoder, IDisposable
{
    // The largest plaintext a TLS record carries (RFC 8446 §5.1): one read takes a record's worth.
    private const int RecordBytes = 16 * 1024;

    private readonly Socket _socket;
    private readonly WireStream _wire;
    private readonly SslStream _ssl;
    private long _now;
    private ExceptionDispatchInfo? _failure;

    public TlsConnection(Socket socket, IStreamDecoder onward)
    {
        _socket = socket;
        _wire = new WireStream(socket);
        _ssl = new SslStream(_wire, leaveInnerStreamOpen: true);
        Onward = onward;
    }

    /// <summary>Where decrypted bytes go; a reader moves it from its handshake buffer to its stream's decoder.</summary>
    public IStreamDecoder Onward { get; set; }

    /// <summary>Whether the server closed the TLS stream (close_notify).</summary>
    public bool Ended { get; private set; }

    /// <summary>The negotiated protocol, once the handshake is done.</summary>
    public SslProtocols Protocol => _ssl.SslProtocol;

    /// <summary>Runs the handshake on the blocking socket, then keeps a read in wait for what is fed.</summary>
    public void Handshake(TlsClientSettings settings)
    {
        try
        {
            _ssl.AuthenticateAsClient(settings.Authentication());
        }
        catch (AuthenticationException ex)
        {
            throw new InvalidDataException($"TLS handshake failed: {ex.Message}", ex);
        }

        // Whatever the handshake's reads took past its end is decrypted here, to the handshake buffer.
        _ = PumpAsync();
        ThrowIfFailed();
    }

    /// <summary>Decrypts received bytes; everything they complete reaches <see cref="Onward"/> before this returns.</summary>
    public void Feed(ReadOnlySpan<byte> data, long now)
    {
        _now = now;
        _wire.Deliver(data);
        ThrowIfFailed();
    }

    /// <summary>
    /// One non-blocking receive on the socket, fed at once: the bytes received (decrypted to
    /// <see cref="Onward"/>), 0 at the end of the stream, -1 when nothing was there, -2 on an error.
    /// </summary>
    public unsafe int ReceiveAvailable()
    {
        var buffer = stackalloc byte[RecordBytes];
        var read = Epoll.Receive((int)_socket.Handle, buffer, RecordBytes);
        if (read > 0)
        {
            Feed(new ReadOnlySpan<byte>(buffer, read), System.Diagnostics.Stopwatch.GetTimestamp());
        }

        return read;
    }

    /// <summary>Encrypts and sends, blocking while the socket buffer is full; a read may be in wait meanwhile.</summary>
    public void Write(ReadOnlySpan<byte> bytes) => _ssl.Write(bytes);

    public void Dispose() => _ssl.Dispose();

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            failure.Throw();
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                await _ssl.ReadAsync(Memory<byte>.Empty).ConfigureAwait(false);

                // Decrypted bytes are there now: this read completes at once, on the feeding thread.
                var plain = ArrayPool<byte>.Shared.Rent(RecordBytes);
                try
                {
                    var read = await _ssl.ReadAsync(plain).ConfigureAwait(false);
                    if (read == 0)
                    {
                        Ended = true;
                        return;
                    }

                    Onward.Feed(plain.AsSpan(0, read), _now);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(plain);
                }
            }
        }
#pragma warning disable CA1031 // A decoder's, a reply's or the TLS stream's failure is the feeding caller's to report.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The read loops report a broken stream by these two; anything else would end the loop.
            _failure = ExceptionDispatchInfo.Capture(ex is InvalidDataException or SocketException
                ? ex
                : new InvalidDataException($"TLS stream failed: {ex.Message}", ex));
        }
    }
}
