using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Transport;

/// <summary>
/// The server side of TLS for every connection of a listener: wraps the socket's stream, runs the
/// handshake, and marks HTTPS answers with Strict-Transport-Security when asked to.
/// </summary>
internal sealed class TlsHandshake
{
    // TLS 1.0 and 1.1 are deprecated (RFC 8996); the operating system picks the cipher suites.
    // netstandard2.0 has no TLS 1.3, and the runtimes that load that build (.NET Framework, Mono)
    // may refuse a protocol value they do not know, so there it is TLS 1.2.
#if NET
    private const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;
#else
    private const SslProtocols Protocols = SslProtocols.Tls12;
#endif

    private readonly LogThrottle _failureLog;
#if NET
    private readonly SslServerAuthenticationOptions _options;
#else
    private readonly X509Certificate2 _certificate;
#endif

    /// <summary>
    /// TLS with <paramref name="certificate"/>, sending the intermediates of <paramref name="chain"/>
    /// with it (the certificate itself and roots in the chain are left out; .NET builds only).
    /// </summary>
    public TlsHandshake(X509Certificate2 certificate, X509Certificate2Collection? chain, TimeSpan? hstsMaxAge, TimeProvider time)
    {
        _failureLog = new LogThrottle(time);
        StrictTransportSecurity = hstsMaxAge is { } maxAge
            ? "max-age=" + ((long)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            : null;
#if NET
        _options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, Intermediates(certificate, chain)),
            EnabledSslProtocols = Protocols,
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = new() { SslApplicationProtocol.Http11 },
        };
#else
        _certificate = certificate;
#endif
    }

#if NET
    /// <summary>
    /// The chain's certificates other than the server's own, which a full-chain file also holds;
    /// the context orders them and drops a self-signed root (RFC 8446 §4.4.2: a client must already
    /// have it).
    /// </summary>
    private static X509Certificate2Collection? Intermediates(X509Certificate2 certificate, X509Certificate2Collection? chain)
    {
        if (chain is null || chain.Count == 0)
        {
            return null;
        }

        var intermediates = new X509Certificate2Collection();
        foreach (var candidate in chain)
        {
            if (!candidate.RawData.AsSpan().SequenceEqual(certificate.RawData))
            {
                intermediates.Add(candidate);
            }
        }

        return intermediates;
    }
#endif

    /// <summary>The value of the Strict-Transport-Security header (RFC 6797 §6.1), or null when it is not sent.</summary>
    public string? StrictTransportSecurity { get; }

    public static SslStream Wrap(Stream inner) => new(inner, leaveInnerStreamOpen: false);

    /// <summary>
    /// Runs the server handshake. Not cancellable on its own: the connection's deadline ends a
    /// handshake that takes too long by closing the socket under it.
    /// </summary>
    public Task AuthenticateAsync(SslStream stream) =>
#if NET
        stream.AuthenticateAsServerAsync(_options);
#else
        stream.AuthenticateAsServerAsync(_certificate, clientCertificateRequired: false, Protocols, checkCertificateRevocation: false);
#endif

    /// <summary>Adds the HSTS header to an answer sent over TLS, if one is configured.</summary>
    public HttpResponse Mark(HttpResponse response) =>
        StrictTransportSecurity is { } value ? response.With("Strict-Transport-Security", value) : response;

    /// <summary>
    /// Plain HTTP sent to the TLS port, scanners and clients that give up are common and say
    /// nothing about the server: a line at Debug every few seconds, with the count.
    /// </summary>
    public void LogFailure(ILogger logger, IPAddress address, Exception error)
    {
        if (logger.IsEnabled(LogLevel.Debug) && _failureLog.TryEnter(out var skipped))
        {
            Log.TlsHandshakeFailed(logger, address, error.Message, skipped);
        }
    }
}
