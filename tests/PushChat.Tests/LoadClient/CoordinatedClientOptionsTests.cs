using System.Net;
using PushChat.LoadClient;

namespace PushChat.Tests.LoadClient;

/// <summary>The options of one load-client process among several: its source address, its role, its share of the chat.</summary>
[TestClass]
public sealed class CoordinatedClientOptionsTests
{
    [TestMethod]
    public void A_listener_reads_from_its_own_source_address_and_counts_the_whole_chat_in()
    {
        var options = ClientOptions.Parse(new[] { "--role", "listener", "--source", "127.0.1.3", "--readers", "100", "--chat-readers", "600", "--name-prefix", "c2" });

        Assert.IsFalse(options.Publishes);
        Assert.AreEqual(IPAddress.Parse("127.0.1.3"), options.Source);
        Assert.AreEqual(600, options.ChatReaders);
        Assert.AreEqual("c2", options.NamePrefix);
    }

    [TestMethod]
    public void A_client_on_its_own_publishes_from_any_address()
    {
        var options = ClientOptions.Parse(Array.Empty<string>());

        Assert.IsTrue(options.Publishes);
        Assert.IsNull(options.Source);
        Assert.IsNull(options.ChatReaders);
        Assert.AreEqual(0, options.ProbeIntervalSeconds);
    }

    [TestMethod]
    public void An_unknown_role_is_refused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ClientOptions.Parse(new[] { "--role", "speaker" }));
    }
}
