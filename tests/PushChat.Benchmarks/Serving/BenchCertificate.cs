using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PushChat.Benchmarks.Serving;

/// <summary>
/// The one certificate every TLS server of a run presents, made when the run starts: self-signed
/// for <c>localhost</c> and 127.0.0.1, ECDSA P-256 with SHA-256 — what certbot issues by default
/// and most HTTPS sites now serve, and the cheaper key to sign a handshake with, so logging in
/// thousands of readers measures TLS as deployed rather than RSA's signing cost. Record
/// encryption, which is what a line costs over TLS, does not depend on the key. Handed to the
/// server processes as a PFX file, and to the load client as its SHA-256 thumbprint, which it pins.
/// </summary>
internal sealed class BenchCertificate
{
    private static readonly Lazy<BenchCertificate> Made = new(Create);

    private BenchCertificate(string path, string thumbprint)
    {
        Path = path;
        Thumbprint = thumbprint;
    }

    /// <summary>The run's certificate, made on first use; its file is removed when the run ends.</summary>
    public static BenchCertificate Shared => Made.Value;

    /// <summary>The PFX file (certificate and private key, no password).</summary>
    public string Path { get; }

    /// <summary>The SHA-256 hash of the certificate, in hex, for the client to pin.</summary>
    public string Thumbprint { get; }

    /// <summary>Loads the certificate with its key, in a server process.</summary>
    public static X509Certificate2 Load(string path) => X509CertificateLoader.LoadPkcs12FromFile(path, password: null);

    /// <summary>A self-signed server certificate for localhost, as PFX bytes.</summary>
    public static byte[] CreatePfx()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return certificate.Export(X509ContentType.Pfx);
    }

    private static BenchCertificate Create()
    {
        var pfx = CreatePfx();
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pushchat-bench-{Environment.ProcessId}.pfx");
        File.WriteAllBytes(path, pfx);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        using var loaded = X509CertificateLoader.LoadPkcs12(pfx, password: null);
        return new BenchCertificate(path, loaded.GetCertHashString(HashAlgorithmName.SHA256));
    }
}
