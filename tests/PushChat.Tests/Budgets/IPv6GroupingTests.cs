using System.Net;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Budgets;

/// <summary>
/// IPv6 clients behind a trusted proxy (the loopback test client): budgets and address bans count
/// a whole /64 as one client, other /64s as others.
/// </summary>
[TestClass]
public sealed class IPv6GroupingTests
{
    [TestMethod]
    public async Task Sessions_from_one_IPv6_64_share_one_budget()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.TrustedProxies.Add("127.0.0.1"));
        for (var i = 1; i <= 4; i++)
        {
            Assert.AreEqual(303, (await LoginFromAsync(chat, $"ghost{i}", $"2001:db8:1:2::{i}")).Status);
        }

        var refused = await LoginFromAsync(chat, "ghost5", "2001:db8:1:2:ffff::5");
        Assert.AreEqual(503, refused.Status, refused.Body);
        StringAssert.Contains(refused.Body, "have not opened their chat yet");
        Assert.AreEqual(303, (await LoginFromAsync(chat, "neighbour", "2001:db8:1:3::5")).Status);
    }

    [TestMethod]
    public async Task An_address_ban_holds_the_whole_IPv6_64()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.TrustedProxies.Add("127.0.0.1"));
        chat.Server.Ban(IPAddress.Parse("2001:db8:1:2::7"), TimeSpan.FromHours(1), "spam");

        var banned = await LoginFromAsync(chat, "rotated", "2001:db8:1:2:abcd::9");
        Assert.AreEqual(403, banned.Status, banned.Body);
        StringAssert.Contains(banned.Body, "Your address is banned");
        Assert.AreEqual(303, (await LoginFromAsync(chat, "neighbour", "2001:db8:1:3::7")).Status);
        Assert.IsTrue(chat.Server.Unban(IPAddress.Parse("2001:db8:1:2::1")), "lifting the ban of any address in the /64 lifts it");
        Assert.AreEqual(303, (await LoginFromAsync(chat, "rotated", "2001:db8:1:2:abcd::9")).Status);
    }

    [TestMethod]
    public async Task An_admin_lifts_an_IPv6_ban_by_the_prefix_its_confirmation_names()
    {
        await using var chat = await Moderation.ModerationSetup.StartAsync(o => o.TrustedProxies.Add("127.0.0.1"));
        var (root, rootChat) = await Moderation.ModerationSetup.EnterAsync(chat, "root", Moderation.ModerationSetup.Password);
        await using var r = rootChat;
        Assert.AreEqual(303, (await LoginFromAsync(chat, "spammer", "2001:db8:1:2::7")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(root, "/banip spammer 1h spam")).Status, "an admin's ban, which an admin may lift");

        var lifted = await chat.SayAsync(root, "/unban 2001:db8:1:2::/64");

        Assert.AreEqual(303, lifted.Status, lifted.Body);
        Assert.AreEqual(303, (await LoginFromAsync(chat, "rotated", "2001:db8:1:2::9")).Status);
    }

    private static Task<RawResponse> LoginFromAsync(ChatTestServer chat, string name, string client)
    {
        var form = $"name={name}&password=";
        return chat.RequestAsync($"POST /login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: {client}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");
    }
}
