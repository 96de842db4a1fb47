using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace PushChat.ConsoleHost;

/// <summary>
/// The certificate for HTTPS from configuration: <c>Chat:Tls:CertificatePath</c> is a PEM
/// certificate with <c>Chat:Tls:KeyPath</c> its PEM key, or a PFX file with <c>Chat:Tls:Password</c>.
/// </summary>
internal static class TlsCertificate
{
    /// <summary>The configured certificate, or null for plain HTTP.</summary>
    /// <exception cref="InvalidOperationException">The files cannot be read as a certificate with its key; the message says which.</exception>
    public static X509Certificate2? Load(IConfigurationSection tls)
    {
        var path = tls["CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            var keyPath = tls["KeyPath"];
            return string.IsNullOrWhiteSpace(keyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, tls["Password"])
                : X509Certificate2.CreateFromPemFile(path, keyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"The TLS certificate '{path}' could not be loaded: {ex.Message}", ex);
        }
    }
}
