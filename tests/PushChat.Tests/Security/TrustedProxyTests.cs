using System.Net;
using PushChat.Internal.Http;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Security;

[TestClass]
public sealed class TrustedProxyTests
{
    [TestMethod]
    public async Task Behind_a_trusted_proxy_the_client_is_the_last_untrusted_forwarded_address()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.TrustedProxies.Add("127.0.0.1");
            o.TrustedProxies.Add("10.0.0.0/8");
        });

        var sid = await LoginThroughAsync(chat, "ann", "X-Forwarded-For: 198.51.100.1, 203.0.113.9, 10.1.2.3\r\n");

        Assert.AreEqual(IPAddress.Parse("203.0.113.9"), chat.Server.Engine!.Find(sid)!.RemoteAddress, "the client's own claim (198.51.100.1) is not believed");
    }

    [TestMethod]
    public async Task Without_trusted_proxies_a_forwarded_address_is_ignored()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var sid = await LoginThroughAsync(chat, "ann", "X-Forwarded-For: 203.0.113.9\r\n");

        Assert.AreEqual(IPAddress.Loopback, chat.Server.Engine!.Find(sid)!.RemoteAddress);
    }

    [TestMethod]
    [DataRow("203.0.113.9:4711", "203.0.113.9")]
    [DataRow("[2001:db8::7]:4711", "2001:db8::7")]
    [DataRow("2001:db8::7", "2001:db8::7")]
    [DataRow("garbage, 203.0.113.9", "203.0.113.9")]
    [DataRow("203.0.113.9, garbage", "127.0.0.1")]
    [DataRow("", "127.0.0.1")]
    public void Forwarded_entries_are_read_as_proxies_write_them(string header, string client)
    {
        var proxies = new TrustedProxies(["127.0.0.1"]);
        var request = PushChat.Tests.Http.ParserHarness.ParseWhole($"GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: {header}\r\n\r\n");

        Assert.AreEqual(IPAddress.Parse(client), proxies.ClientOf(request, new IPEndPoint(IPAddress.Loopback, 5000)).Address);
    }

    [TestMethod]
    public async Task Trusted_proxies_must_be_addresses_or_ranges()
    {
        var options = new ChatServerOptions { Port = 0 };
        options.TrustedProxies.Add("proxy.example");
        options.TrustedProxies.Add("10.0.0.0/33");
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "TrustedProxies entry 'proxy.example'");
        StringAssert.Contains(error.Message, "TrustedProxies entry '10.0.0.0/33'");
    }

    private static async Task<string> LoginThroughAsync(ChatTestServer chat, string name, string headers)
    {
        var form = $"name={name}&password=";
        var response = await chat.RequestAsync($"POST /login HTTP/1.1\r\nHost: localhost\r\n{headers}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");
        Assert.AreEqual(303, response.Status, response.Body);
        return response.Headers["Location"].Split("sid=")[1];
    }
}
