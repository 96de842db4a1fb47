using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Http;

namespace PushChat.Internal.Transport;

/// <summary>
/// One connection's side of TLS: the stream the parser and the queue use instead of the socket's,
/// whether the handshake is still running (a deadline then can only cut the socket), and the
/// close_notify at the end. <see cref="TlsHandshake"/> holds what all connections of a listener share.
/// </summary>
internal sealed class TlsSession
{
    private readonly TlsHandshake _tls;
    private volatile bool _handshaking = true;
#if NET
    private volatile bool _secured;
#endif

    /// <summary>
    /// Wraps <paramref name="inner"/>. The handshake runs first thing in the connection's receive
    /// loop, under the first-byte deadline; the parser and the queue only ever see decrypted bytes.
    /// </summary>
    public TlsSession(TlsHandshake tls, Stream inner)
    {
        _tls = tls;
        Stream = TlsHandshake.Wrap(inner);
    }

    public SslStream Stream { get; }

    /// <summary>True until the handshake succeeded or failed.</summary>
    public bool Handshaking => _handshaking;

    /// <summary>
    /// False when the client did not complete a TLS handshake: plain HTTP on the TLS port, a
    /// client that gave up or refused the certificate, or one cut off by the deadline. Nothing
    /// can be answered to it.
    /// </summary>
    public async Task<bool> HandshakeAsync(ILogger logger, IPAddress client)
    {
        try
        {
            // Off the accept loop: setting up a TLS session costs more than a read.
            await Task.Yield();
            await _tls.AuthenticateAsync(Stream).ConfigureAwait(false);
#if NET
            _secured = true;
#endif
            return true;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            _tls.LogFailure(logger, client, ex);
            return false;
        }
        finally
        {
            _handshaking = false;
        }
    }

    /// <summary>Adds what an answer over TLS carries (HSTS, when configured).</summary>
    public HttpResponse Mark(HttpResponse response) => _tls.Mark(response);

#if NET
    /// <summary>Whether the handshake succeeded, so the end can be announced with close_notify.</summary>
    public bool Secured => _secured;

    /// <summary>
    /// Announces the end with close_notify (RFC 8446 §6.1) before the half-close, so a client can
    /// tell a body delimited by the close from one cut short. The output is complete, so this
    /// write is the only one; the closing deadline bounds it. netstandard2.0 has no API for it.
    /// </summary>
    public async Task CloseNotifyAsync()
    {
        try
        {
            await Stream.ShutdownAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone; the half-close after this finds that out too.
        }
    }
#endif
}
