using System.Net;
using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Hosting;

/// <summary>
/// A console host node behind nginx with the configuration README shows: the node that trusts
/// nginx's address sees each client's own address (from <c>X-Forwarded-For</c>), not the balancer's.
/// </summary>
[TestClass]
public sealed partial class LoadBalancerForwardingTests
{
    private const string Password = "first-admin-pa55";

    // The balancer and the client on addresses of their own, so that the node can tell them apart.
    private static readonly IPAddress Balancer = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.3");

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_node_trusting_nginx_sees_the_client_address_that_nginx_forwards()
    {
        NginxServer.RequireInstalled();
        var environment = new Dictionary<string, string> { ["PUSHCHAT_Chat__Admin__Name"] = "boss", ["PUSHCHAT_Chat__Admin__Password"] = Password };
        await using var nodes = await ConsoleHostNodes.StartAsync(PostgresServer.Shared.CreateDatabase(), Balancer.ToString(), environment, "a");
        using var nginx = await NginxServer.StartAsync(Balancer, nodes.Ports);

        await using var client = await RawHttpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, nginx.Port), from: Client);
        await client.SendAsync(ChatTestServer.Post(ChatRoutes.Login, "name=boss&password=wrong"));
        Assert.AreEqual(403, (await client.ReadResponseAsync()).Status);

        // The node logs the refused login with the address it counts it against (for lock-outs and bans).
        var deadline = DateTime.UtcNow + RawHttpClient.SafetyTimeout;
        Match refusal;
        while (!(refusal = RefusedLogin().Match(nodes.Output())).Success)
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, "the node never logged the refused login:\n" + nodes.Output());
            await Task.Delay(20);
        }

        // The node never saw the client's own connection: the address can only have come through nginx.
        Assert.AreEqual(Client.ToString(), refusal.Groups[1].Value, nodes.Output());
    }

    [GeneratedRegex(@"Login refused for boss from (\S+) ")]
    private static partial Regex RefusedLogin();
}
