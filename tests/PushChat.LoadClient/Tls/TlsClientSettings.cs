using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PushChat.LoadClient.Tls;

/// <summary>
/// How the client speaks TLS, as a browser does: TLS 1.2 or 1.3 (1.3 when the server offers it),
/// HTTP/1.1 by ALPN, no client certificate. The benchmark's certificate is self-signed, so it is
/// trusted by its SHA-256 thumbprint, given on the command line, and by nothing else: any other
/// certificate fails the handshake.
/// </summary>
internal sealed class TlsClientSettings
{
    public TlsClientSettings(string thumbprint)
    {
        Thumbprint = thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
    }

    /// <summary>The SHA-256 hash of the server certificate's DER bytes, in upper-case hex.</summary>
    public string Thumbprint { get; }

    public SslClientAuthenticationOptions Authentication() => new()
    {
        TargetHost = "localhost",
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ApplicationProtocols = new List<SslApplicationProtocol> { SslApplicationProtocol.Http11 },
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors),
    };

    /// <summary>
    /// The chain of a self-signed certificate never validates; the pinned thumbprint stands in for
    /// it. A certificate that is absent or names another host is refused whatever its hash.
    /// </summary>
    public bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors) =>
        certificate is not null
        && (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) == 0
        && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), Thumbprint, StringComparison.Ordinal);
}
