using PushChat.Internal.Http;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class HostFilterTests
{
    [TestMethod]
    public void A_chat_on_every_interface_answers_for_every_name_unless_names_are_listed()
    {
        Assert.IsTrue(new HostFilter([], "0.0.0.0").Allows("chat.example"));
        Assert.IsTrue(new HostFilter([], "::").Allows("chat.example"));
        Assert.IsFalse(new HostFilter(["chat.example"], "0.0.0.0").Allows("other.example"));
    }

    [TestMethod]
    public void A_loopback_chat_answers_for_its_own_address_too()
    {
        Assert.IsTrue(new HostFilter([], "::1").Allows("[::1]"));
        Assert.IsTrue(new HostFilter([], "127.0.0.2").Allows("127.0.0.2"));
        Assert.IsFalse(new HostFilter([], "127.0.0.1").Allows("rebound.example"));
    }

    [TestMethod]
    public async Task Allowed_hosts_must_be_names_without_ports()
    {
        var options = new ChatServerOptions { Port = 0 };
        options.AllowedHosts.Add("chat.example:443");
        options.AllowedHosts.Add("a, b");
        options.AllowedHosts.Add("[2001:db8::1]");
        options.AllowedHosts.Add("*");
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "AllowedHosts entry 'chat.example:443'");
        StringAssert.Contains(error.Message, "AllowedHosts entry 'a, b'");
        Assert.IsFalse(error.Message.Contains("entry '[2001:db8::1]'", StringComparison.Ordinal), error.Message);
    }
}
