using System.Diagnostics;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using PushChat.LoadClient;
using PushChat.LoadClient.Tls;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Tls;

namespace PushChat.Tests.LoadClient;

/// <summary>
/// The benchmark's readers and speakers over PushChat's own TLS: the client decrypts what its
/// read loop receives into the same decoders a plain reader uses, and trusts the run's
/// self-signed certificate by its thumbprint only.
/// </summary>
[TestClass]
public sealed class LoadClientTlsTests
{
    private static string Thumbprint => TestCertificate.Instance.GetCertHashString(HashAlgorithmName.SHA256);

    [TestMethod]
    [DataRow("forever", 64 * 1024)]
    [DataRow("events", 64 * 1024)]
    [DataRow("ws", 64 * 1024)]
    [DataRow("forever", 7)]
    [DataRow("ws", 7)]
    public async Task A_tls_reader_finds_every_line_posted_in_its_room(string transport, int readBytes)
    {
        await using var chat = await StartAsync();
        var (run, reader) = Subscribe(chat, transport, Thumbprint);
        using (reader)
        {
            using var speaker = new Speaker(0, run.Protocol, reader.Session, TimeSpan.FromSeconds(10), run.Options.Tls);
            speaker.Connect(chat.EndPoint);

            Assert.AreEqual(303, speaker.Post("@0.9."), "a sync line");
            for (var sequence = 1; sequence <= 20; sequence++)
            {
                Assert.AreEqual(303, speaker.Post($"@{sequence}.{1000 + sequence}.xxxxxxxxxxxxxxxx"));
            }

            // Small reads cut TLS records anywhere: the decryption must wait for the rest.
            ReadUntil(reader, () => reader.Received == 20, readBytes);

            Assert.AreEqual(9L, reader.SyncId);
            Assert.AreEqual(0L, reader.OutOfOrder);
            Assert.AreEqual(SslProtocols.Tls13, reader.Connection.Tls!.Protocol, "TLS 1.3, which both ends offer");
        }
    }

    [TestMethod]
    public async Task The_publisher_posts_over_tls_and_times_every_answer()
    {
        await using var chat = await StartAsync();
        var (run, reader) = Subscribe(chat, "forever", Thumbprint);
        using (reader)
        {
            var speakers = Enumerable.Range(0, 3)
                .Select(i => new Speaker(i, run.Protocol, reader.Session, TimeSpan.FromSeconds(10), run.Options.Tls))
                .ToArray();
            using var publisher = new Publisher(speakers, run.Protocol);
            publisher.Connect(run.Options);

            Assert.IsTrue(publisher.RunOpenLoop(1, 12, 200, 64, 10), publisher.Error);
            ReadUntil(reader, () => reader.Received == 12, 64 * 1024);

            Assert.AreEqual(12L, publisher.Answered);
            Assert.AreEqual(0L, publisher.Rejected);
            Assert.AreEqual(12L, publisher.TakeAnswers().Count);
            Assert.AreEqual(0L, reader.OutOfOrder);
        }
    }

    [TestMethod]
    public async Task A_certificate_with_another_thumbprint_is_refused()
    {
        await using var chat = await StartAsync();
        var other = Convert.ToHexString(SHA256.HashData("another certificate"u8));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => Subscribe(chat, "forever", other));

        StringAssert.Contains(error.Message, "TLS handshake failed");
    }

    [TestMethod]
    public void Only_the_pinned_certificate_for_the_host_is_trusted()
    {
        var certificate = TestCertificate.Instance;
        var settings = new TlsClientSettings(Thumbprint.ToLowerInvariant());

        Assert.IsTrue(settings.IsTrusted(certificate, SslPolicyErrors.RemoteCertificateChainErrors), "self-signed: the chain fails, the pin holds");
        Assert.IsFalse(settings.IsTrusted(certificate, SslPolicyErrors.RemoteCertificateNameMismatch), "another host's name");
        Assert.IsFalse(settings.IsTrusted(null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.IsFalse(new TlsClientSettings("00" + Thumbprint[2..]).IsTrusted(certificate, SslPolicyErrors.None), "another certificate, even one the system trusted");
    }

    private static Task<ChatTestServer> StartAsync() => ChatTestServer.StartAsync(o =>
    {
        o.Certificate = TestCertificate.Instance;
        o.MessageFilters.Clear();
        o.Limits.WithoutAddressBudgets();
    });

    private static (Run Run, Reader Reader) Subscribe(ChatTestServer chat, string transport, string thumbprint)
    {
        var protocol = ChatProtocol.For(transport);
        var server = chat.EndPoint.ToString();
        var options = ClientOptions.Parse(new[] { "--server", server, "--control", server, "--readers", "1", "--speakers", "3", "--sync-timeout", "10", "--tls-thumbprint", thumbprint });
        var run = new Run(options, protocol);
        var reader = new Reader(0, counted: false, slow: false, run);
        try
        {
            reader.Subscribe(chat.EndPoint);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        reader.Connection.ReleaseBuffer();
        return (run, reader);
    }

    /// <summary>Reads the reader's socket as its read loop would, <paramref name="readBytes"/> at most at a time, until <paramref name="done"/> or ten seconds.</summary>
    private static void ReadUntil(Reader reader, Func<bool> done, int readBytes)
    {
        var buffer = new byte[readBytes];
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(10), $"only {reader.Received} lines arrived");
            var read = reader.Connection.Socket.Receive(buffer);
            Assert.AreNotEqual(0, read, "the server closed the stream");
            reader.Feed(buffer.AsSpan(0, read), Stopwatch.GetTimestamp());
        }
    }
}
