using System.Net;
using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.ScaleOut;

namespace PushChat.Tests.Hosting;

/// <summary>
/// A console host node behind nginx with the configuration README shows: the node that trusts
/// nginx's address sees each client's own address (from <c>X-Forwarded-For</c>), not the balancer's.
/// </summary>
[TestClass]
public sealed partial class LoadBalancerForwardingTests
{
    private const string Password = "boss-pa55-word";

    // The balancer and the client on addresses of their own, so that the node can tell them apart.
    private static readonly IPAddress Balancer = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.3");

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_node_trusting_nginx_sees_the_client_address_that_nginx_forwards()
    {
        NginxServer.RequireInstalled();
        await using var node = await ConsoleHostNode.StartAsync(PostgresServer.Shared.CreateDatabase(), "a", new CookieJar(), "--Chat:TrustedProxies:0", Balancer.ToString());
        Assert.AreEqual(303, (await node.RegisterAsync("boss", Password)).Status, "registration straight on the node");
        using var nginx = await NginxServer.StartAsync(Balancer, node.EndPoint.Port);

        await using var client = await RawHttpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, nginx.Port), from: Client);
        await client.SendAsync(ChatTestServer.Post(ChatRoutes.Login, "name=boss&password=wrong"));
        Assert.AreEqual(403, (await client.ReadResponseAsync()).Status);

        // The node logs the refused login with the address it counts it against (for lock-outs and bans).
        var deadline = DateTime.UtcNow + RawHttpClient.SafetyTimeout;
        Match refusal;
        while (!(refusal = RefusedLogin().Match(node.Output)).Success)
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, "the node never logged the refused login:\n" + node.Output);
            await Task.Delay(20);
        }

        // The node never saw the client's own connection: the address can only have come through nginx.
        Assert.AreEqual(Client.ToString(), refusal.Groups[1].Value, node.Output);
    }

    [GeneratedRegex(@"Login refused for boss from (\S+) ")]
    private static partial Regex RefusedLogin();
}
