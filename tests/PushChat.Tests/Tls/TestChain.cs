using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Tls;

/// <summary>Root CA → intermediate CA → leaf for localhost, made in memory.</summary>
internal sealed class TestChain : IDisposable
{
    private TestChain(X509Certificate2 root, X509Certificate2 intermediate, X509Certificate2 leaf, ECDsa leafKey)
    {
        Root = root;
        Intermediate = intermediate;
        Leaf = leaf;
        LeafKey = leafKey;
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 Leaf { get; }

    public ECDsa LeafKey { get; }

    public static TestChain Create()
    {
        var from = DateTimeOffset.UtcNow.AddDays(-1);
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = Authority("CN=PushChat Test Root", rootKey);
        var root = rootRequest.CreateSelfSigned(from, from.AddDays(60));

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = Authority("CN=PushChat Test Intermediate", intermediateKey);
        using var intermediatePublic = intermediateRequest.Create(root, from, from.AddDays(50), [1, 2, 3, 4]);
        var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=localhost", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, critical: false));
        leafRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(leafRequest.PublicKey, false));
        var leaf = leafRequest.Create(intermediate, from, from.AddDays(30), [5, 6, 7, 8]);
        return new TestChain(root, intermediate, leaf, leafKey);
    }

    /// <summary>Writes the chain as a CA hands it out: fullchain.pem (the leaf, then the intermediate, and the root when asked) and privkey.pem.</summary>
    public async Task<(string FullChain, string PrivateKey)> WritePemFilesAsync(string folder, bool withRoot = false)
    {
        var fullChain = Path.Combine(folder, "fullchain.pem");
        var privateKey = Path.Combine(folder, "privkey.pem");
        await File.WriteAllTextAsync(fullChain, Leaf.ExportCertificatePem() + "\n" + Intermediate.ExportCertificatePem() + "\n" + (withRoot ? Root.ExportCertificatePem() + "\n" : string.Empty));
        await File.WriteAllTextAsync(privateKey, LeafKey.ExportPkcs8PrivateKeyPem());
        return (fullChain, privateKey);
    }

    /// <summary>
    /// Handshakes as a client whose only trust anchor is <see cref="Root"/>, building the
    /// chain from nothing but the certificates the server sent; then asks for /health.
    /// </summary>
    public async Task<(bool Verified, List<string> Sent, string Answer)> HandshakeTrustingOnlyTheRootAsync(IPEndPoint endPoint)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        await socket.ConnectAsync(endPoint, timeout.Token);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        var verified = false;
        var sent = new List<string>();
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, certificate, platformChain, _) =>
                {
                    // SslStream puts what the server sent besides its own certificate in ExtraStore.
                    var received = platformChain!.ChainPolicy.ExtraStore;
                    sent.AddRange(received.Select(c => c.Thumbprint));
                    using var own = new X509Chain();
                    own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    own.ChainPolicy.CustomTrustStore.Add(Root);
                    own.ChainPolicy.ExtraStore.AddRange(received);
                    own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    own.ChainPolicy.DisableCertificateDownloads = true;
                    verified = own.Build(new X509Certificate2(certificate!));
                    return verified;
                },
            },
            timeout.Token);
        await tls.WriteAsync("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray(), timeout.Token);
        using var reader = new StreamReader(tls);
        var answer = await reader.ReadToEndAsync(timeout.Token);
        return (verified, sent, answer);
    }

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
        Leaf.Dispose();
        LeafKey.Dispose();
    }

    private static CertificateRequest Authority(string name, ECDsa key)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }
}
