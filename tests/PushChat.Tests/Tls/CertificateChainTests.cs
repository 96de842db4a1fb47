using System.Security.Cryptography.X509Certificates;

namespace PushChat.Tests.Tls;

/// <summary>A certificate issued by an intermediate reaches clients that trust only the root.</summary>
[TestClass]
public sealed class CertificateChainTests
{
    [TestMethod]
    public async Task A_full_chain_pem_serves_the_intermediate_so_a_client_trusting_only_the_root_verifies_it()
    {
        using var chain = TestChain.Create();
        var folder = Directory.CreateTempSubdirectory("pushchat-chain-");
        try
        {
            // As a CA hands them out: the leaf, then the intermediate (some add the root), in one file; the key apart.
            var (fullChain, privateKey) = await chain.WritePemFilesAsync(folder.FullName, withRoot: true);

            var options = new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero };
            options.Certificate = X509Certificate2.CreateFromPemFile(fullChain, privateKey);
            options.CertificateChain.ImportFromPemFile(fullChain);
            await using var server = new ChatServer(options);
            await server.StartAsync();

            var (verified, sent, answer) = await chain.HandshakeTrustingOnlyTheRootAsync(server.LocalEndPoint!);

            CollectionAssert.Contains(sent, chain.Intermediate.Thumbprint, "the server sends the intermediate");
            CollectionAssert.DoesNotContain(sent, chain.Root.Thumbprint, "a client must have the root already");
            Assert.IsTrue(verified, "a client that trusts only the root verifies the leaf through the intermediate the server sent");
            StringAssert.StartsWith(answer, "HTTP/1.1 200");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task A_chain_without_a_certificate_is_refused_at_start()
    {
        using var chain = TestChain.Create();
        var options = new ChatServerOptions { Port = 0 };
        options.CertificateChain.Add(chain.Intermediate);
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "CertificateChain needs a Certificate");
    }
}
