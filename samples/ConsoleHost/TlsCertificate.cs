using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace PushChat.ConsoleHost;

/// <summary>
/// The certificate for HTTPS from configuration: <c>Chat:Tls:CertificatePath</c> is a PEM
/// certificate with <c>Chat:Tls:KeyPath</c> its PEM key, or a PFX file with <c>Chat:Tls:Password</c>.
/// Either file may hold the intermediates too (a CA's fullchain.pem, a PFX with its chain): they
/// are sent with the certificate.
/// </summary>
internal static class TlsCertificate
{
    /// <summary>The configured certificate and the other certificates its files hold, or null for plain HTTP.</summary>
    /// <exception cref="InvalidOperationException">The files cannot be read as a certificate with its key; the message says which.</exception>
    /// <exception cref="MissingKeyException">A PEM certificate is configured without its key.</exception>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain)? Load(IConfigurationSection tls)
    {
        var path = tls["CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            var keyPath = tls["KeyPath"];
            if (string.IsNullOrWhiteSpace(keyPath) && IsPem(path))
            {
                // A PEM certificate without a key file: the key may follow it in the same file.
                keyPath = File.ReadAllText(path).Contains("PRIVATE KEY-----", StringComparison.Ordinal)
                    ? path
                    : throw new MissingKeyException($"Chat:Tls:KeyPath is missing: the certificate '{path}' is a PEM file without its private key; give the key file with --cert-key (Chat:Tls:KeyPath).");
            }

            if (string.IsNullOrWhiteSpace(keyPath))
            {
                // A PFX holds its chain beside the certificate with the key.
                var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, tls["Password"]);
                var certificate = all.Cast<X509Certificate2>().FirstOrDefault(c => c.HasPrivateKey)
                    ?? throw new System.Security.Cryptography.CryptographicException("The file holds no certificate with a private key.");
                return (certificate, all);
            }

            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(path);
            return (X509Certificate2.CreateFromPemFile(path, keyPath), chain);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"The TLS certificate '{path}' could not be loaded: {ex.Message}", ex);
        }
    }

    /// <summary>Whether the file is PEM text (it starts with a "-----BEGIN" line) rather than a binary PFX.</summary>
    private static bool IsPem(string path)
    {
        using var file = File.OpenRead(path);
        var start = new byte[64];
        var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.ASCII.GetString(start, 0, read).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }
}
