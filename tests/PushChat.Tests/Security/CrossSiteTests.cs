using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Security;

/// <summary>Forms posted from another site's page are refused; the chat's own pages, scripts and tools keep working.</summary>
[TestClass]
public sealed class CrossSiteTests
{
    [TestMethod]
    [DataRow("Origin: https://evil.example\r\n")]
    [DataRow("Origin: null\r\n")]
    [DataRow("Sec-Fetch-Site: cross-site\r\n")]
    [DataRow("Sec-Fetch-Site: same-site\r\nOrigin: http://other.localhost\r\n")]
    [DataRow("Origin: http://localhost:1\r\n")]
    public async Task A_login_posted_from_another_site_is_refused_and_starts_no_session(string headers)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.RequestAsync(Login(chat, "victim", headers));

        Assert.AreEqual(403, response.Status);
        StringAssert.Contains(response.Body, "This form was sent from another web site");
        Assert.IsFalse(response.Headers.ContainsKey("Location"));
        await using var user = await chat.OpenChatAsync(await chat.LoginAsync("someone"), "someone joined.");
        Assert.AreEqual(1, chat.Server.Rooms.Single().Occupants, "only the real login made a session");
    }

    [TestMethod]
    public async Task A_line_posted_from_another_site_is_not_said()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;
        var form = $"sid={ann}&text=forged";
        var forged = $"POST /say HTTP/1.1\r\nHost: localhost:{chat.EndPoint.Port}\r\nOrigin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\n"
            + $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}";

        Assert.AreEqual(403, (await chat.RequestAsync(forged)).Status);
        await chat.SayAsync(ann, "genuine");

        Assert.IsFalse((await a.ReadStreamUntilAsync("genuine")).Contains("forged", StringComparison.Ordinal));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("Sec-Fetch-Site: same-origin\r\nOrigin: http://localhost:{port}\r\n")]
    [DataRow("Sec-Fetch-Site: none\r\n")]
    [DataRow("Origin: http://localhost:{port}\r\n")]
    [DataRow("Origin: http://LOCALHOST:{port}\r\n")]
    public async Task The_chats_own_pages_scripts_and_tools_still_log_in(string headers)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.RequestAsync(Login(chat, "ann", headers.Replace("{port}", chat.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        Assert.AreEqual(303, response.Status, response.Body);
    }

    [TestMethod]
    public async Task A_listed_origin_may_post_as_when_a_proxy_changes_the_host()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.AllowedOrigins.Add("https://chat.example"));

        var response = await chat.RequestAsync(Login(chat, "ann", "Origin: https://chat.example\r\nSec-Fetch-Site: same-origin\r\n"));
        var other = await chat.RequestAsync(Login(chat, "ben", "Origin: https://evil.example\r\n"));

        Assert.AreEqual(303, response.Status, response.Body);
        Assert.AreEqual(403, other.Status);
    }

    private static string Login(ChatTestServer chat, string name, string headers)
    {
        var form = $"name={name}&password=";
        return $"POST {ChatRoutes.Login} HTTP/1.1\r\nHost: localhost:{chat.EndPoint.Port}\r\n{headers}"
            + $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}";
    }
}
