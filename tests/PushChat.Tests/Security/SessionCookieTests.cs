using System.Net;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Tls;
using PushChat.Users;

namespace PushChat.Tests.Security;

/// <summary>
/// A session works only in the browser that logged in: the login sets a secret cookie that every
/// request of the session must carry, so a session link found in a proxy log or a browser
/// history is of no use to anyone else.
/// </summary>
[TestClass]
public sealed class SessionCookieTests
{
    private const string Password = "correct horse";
    private const string OtherBrowser = "This chat link belongs to another browser";

    [TestMethod]
    [DataRow("GET", ChatRoutes.Room, "")]
    [DataRow("GET", ChatRoutes.Talk, "")]
    [DataRow("GET", ChatRoutes.Names, "")]
    [DataRow("GET", ChatRoutes.Lines, "")]
    [DataRow("GET", ChatRoutes.Moderate, "")]
    [DataRow("GET", ChatRoutes.Password, "")]
    [DataRow("POST", ChatRoutes.Say, "text=stolen")]
    [DataRow("POST", ChatRoutes.Join, "room=Elsewhere")]
    [DataRow("POST", ChatRoutes.Ignore, "name=bob&ignore=1")]
    [DataRow("POST", ChatRoutes.Delete, "room=Lobby&seq=1")]
    [DataRow("POST", ChatRoutes.Moderate, "name=bob&action=kick")]
    [DataRow("POST", ChatRoutes.Password, "current=guess&password=battery+staple&confirm=battery+staple")]
    [DataRow("POST", ChatRoutes.Leave, "")]
    public async Task A_stolen_session_link_without_the_cookie_gets_403_and_touches_nothing(string method, string path, string form)
    {
        await using var chat = await StartAsync();
        var (ann, annChat) = await EnterRegisteredAsync(chat, "ann");
        await using var a = annChat;
        var seen = chat.Server.Engine!.Sessions.Find(ann)!.LastSeen;
        chat.Time.Advance(TimeSpan.FromSeconds(5));

        var stolen = await AsStrangerAsync(chat, method == "GET" ? ChatTestServer.Get($"{path}?sid={ann}") : ChatTestServer.Post(path, $"sid={ann}&{form}"));

        AssertOtherBrowserPage(stolen);
        var session = chat.Server.Engine!.Sessions.Find(ann);
        Assert.IsNotNull(session, "the session goes on");
        Assert.AreEqual("Lobby", session.Room.Name);
        Assert.AreEqual(seen, session.LastSeen, "a refused request is no sign of life");
        Assert.IsEmpty(session.Ignored);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "still mine")).Status, "the owner's browser still uses it");
        Assert.DoesNotContain("stolen", await a.ReadStreamUntilAsync("still mine"));
    }

    [TestMethod]
    public async Task A_stolen_link_opens_no_chat_stream_and_the_owners_stream_goes_on()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;

        await using var thief = await RawHttpClient.ConnectAsync(chat.EndPoint);
        await thief.SendAsync(ChatTestServer.Get($"{ChatRoutes.Chat}?sid={ann}"));
        var head = await thief.ReadResponseAsync();

        AssertOtherBrowserPage(head);
        Assert.AreNotEqual("chunked", head.Headers.GetValueOrDefault("Transfer-Encoding"));
        Assert.AreEqual(303, (await chat.SayAsync(ann, "after the attempt")).Status);
        await a.ReadStreamUntilAsync("after the attempt");
    }

    [TestMethod]
    public async Task A_stolen_link_cannot_kick_for_an_admin()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("root", Password, ChatRole.Admin), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        var root = await chat.LoginAsync("root", Password);
        await using var rootChat = await chat.OpenChatAsync(root, "root joined.");
        var (_, bobChat) = await chat.EnterAsync("bob");
        await using var b = bobChat;

        var kick = await AsStrangerAsync(chat, ChatTestServer.Post(ChatRoutes.Moderate, $"sid={root}&name=bob&action=kick&reason=stolen"));
        var slash = await AsStrangerAsync(chat, ChatTestServer.Post(ChatRoutes.Say, $"sid={root}&text={Uri.EscapeDataString("/kick bob")}"));

        AssertOtherBrowserPage(kick);
        AssertOtherBrowserPage(slash);
        Assert.IsTrue(chat.Server.OnlineUsers.Any(u => u.Name == "bob"), "bob is still online");
    }

    [TestMethod]
    public async Task A_stolen_link_can_neither_change_the_password_nor_guess_it()
    {
        var users = new InMemoryUserStore();
        await using var chat = await StartAsync(users);
        var (ann, annChat) = await EnterRegisteredAsync(chat, "ann");
        await using var a = annChat;

        var right = await AsStrangerAsync(chat, ChatTestServer.Post(ChatRoutes.Password, $"sid={ann}&current={Uri.EscapeDataString(Password)}&password=battery+staple&confirm=battery+staple"));
        var guess = await AsStrangerAsync(chat, ChatTestServer.Post(ChatRoutes.Password, $"sid={ann}&current=guess&password=battery+staple&confirm=battery+staple"));

        AssertOtherBrowserPage(right);
        AssertOtherBrowserPage(guess);
        Assert.DoesNotContain("current password", guess.Body, "a wrong guess is not told apart from a right one");
        Assert.IsTrue(PushChat.Internal.Infrastructure.PasswordHasher.Verify(Password, (await users.FindAsync("ann", default))!.PasswordHash), "the password is unchanged");
    }

    [TestMethod]
    public async Task A_wrong_cookie_value_under_the_sessions_cookie_name_is_refused()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;
        var name = chat.Cookies.Names.Single();
        var value = chat.Cookies[name]!;
        var forged = (value[0] == 'A' ? 'B' : 'A') + value[1..];

        foreach (var cookie in new[] { forged, value[..^1], value + "A", string.Empty })
        {
            var said = await AsStrangerAsync(chat, WithCookie(ChatTestServer.Post(ChatRoutes.Say, $"sid={ann}&text=forged"), $"{name}={cookie}"));
            var left = await AsStrangerAsync(chat, WithCookie(ChatTestServer.Post(ChatRoutes.Leave, $"sid={ann}"), $"{name}={cookie}"));

            AssertOtherBrowserPage(said);
            AssertOtherBrowserPage(left);
        }

        var genuine = await AsStrangerAsync(chat, WithCookie(ChatTestServer.Post(ChatRoutes.Say, $"sid={ann}&text=genuine"), $"other=1; {name}={value}"));
        Assert.AreEqual(303, genuine.Status, "the right value works from any client that has it");
        Assert.DoesNotContain("forged", await a.ReadStreamUntilAsync("genuine"));
    }

    [TestMethod]
    public async Task One_browser_holds_the_cookies_of_two_sessions_and_uses_both()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annCookie) = await LoginAsync(chat, "ann");
        var (bob, bobCookie) = await LoginAsync(chat, "bob");
        await using var a = await chat.OpenChatAsync(ann, "ann joined.");
        await using var b = await chat.OpenChatAsync(bob, "bob joined.");

        Assert.AreEqual(2, chat.Cookies.Count, "one cookie per session");
        Assert.AreNotEqual(annCookie, bobCookie);
        foreach (var name in chat.Cookies.Names)
        {
            Assert.DoesNotContain(ann, name, "the cookie's name does not give the session id away");
            Assert.DoesNotContain(bob, name);
        }

        Assert.AreEqual(303, (await chat.SayAsync(ann, "from the first tab")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(bob, "from the second tab")).Status);
        await b.ReadStreamUntilAsync("from the second tab");
        StringAssert.Contains(await a.ReadStreamUntilAsync("from the second tab"), "from the first tab");

        // A second browser holding only ann's cookie cannot use bob's session.
        var crossed = await AsStrangerAsync(chat, WithCookie(ChatTestServer.Post(ChatRoutes.Say, $"sid={bob}&text=crossed"), $"{annCookie}={chat.Cookies[annCookie]}"));
        AssertOtherBrowserPage(crossed);
    }

    [TestMethod]
    public async Task Leaving_removes_the_sessions_cookie_and_only_that_one()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, _) = await LoginAsync(chat, "ann");
        var (bob, bobs) = await LoginAsync(chat, "bob");

        var left = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={bob}"));

        Assert.AreEqual(303, left.Status);
        var cleared = left.SetCookies.Single();
        StringAssert.StartsWith(cleared, $"{bobs}=;");
        StringAssert.Contains(cleared, "Max-Age=0");
        StringAssert.Contains(cleared, "Path=/");
        Assert.IsNull(chat.Cookies[bobs]);
        Assert.AreEqual(1, chat.Cookies.Count, "ann's cookie stays");
        Assert.IsNull(chat.Server.Engine!.Sessions.Find(bob));
        Assert.IsNotNull(chat.Server.Engine!.Sessions.Find(ann));
    }

    [TestMethod]
    public async Task A_request_of_an_ended_session_also_removes_its_stale_cookie()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (bob, bobs) = await LoginAsync(chat, "bob");
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        Assert.IsTrue(chat.Server.Kick("bob", "testing"));
        Assert.IsTrue(await bobChat.ReadToEndAsync());

        var ended = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Names}?sid={bob}"));

        Assert.AreEqual(404, ended.Status);
        StringAssert.StartsWith(ended.SetCookies.Single(), $"{bobs}=;");
        Assert.AreEqual(0, chat.Cookies.Count);
    }

    [TestMethod]
    public async Task The_cookie_is_http_only_same_site_strict_for_the_whole_site_and_ends_with_the_browser()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var login = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=ann&password="));
        var registration = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Register, $"name=bob&password={Uri.EscapeDataString(Password)}&confirm={Uri.EscapeDataString(Password)}"));

        foreach (var response in new[] { login, registration })
        {
            Assert.AreEqual(303, response.Status, response.Body);
            var cookie = response.SetCookies.Single();
            var (name, value, attributes) = Parse(cookie);
            var sid = response.Headers["Location"].Split("sid=")[1];
            Assert.DoesNotContain(sid, cookie, "neither name nor value is the session id");
            Assert.IsGreaterThanOrEqualTo(22, value.Length, "at least 128 bits, base64url");
            Assert.IsFalse(name.StartsWith("__Host-", StringComparison.Ordinal), "a plain HTTP server cannot set a __Host- cookie");
            CollectionAssert.AreEquivalent(new[] { "Path=/", "HttpOnly", "SameSite=Strict" }, attributes, cookie);
        }

        Assert.AreNotEqual(Parse(login.SetCookies[0]).Value, Parse(registration.SetCookies[0]).Value);
    }

    [TestMethod]
    public async Task Over_tls_the_cookie_is_secure_and_host_only()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Certificate = TestCertificate.Instance);
        await using var client = await TlsHttpClient.ConnectAsync(chat.EndPoint);

        var login = await client.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=ann&password="));

        Assert.AreEqual(303, login.Status, login.Body);
        var (name, value, attributes) = Parse(login.SetCookies.Single());
        StringAssert.StartsWith(name, "__Host-", "a cookie no subdomain or plain-HTTP page can set in its place");
        CollectionAssert.AreEquivalent(new[] { "Path=/", "HttpOnly", "SameSite=Strict", "Secure" }, attributes);
        var sid = login.Headers["Location"].Split("sid=")[1];
        Assert.AreEqual(403, (await client.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Talk}?sid={sid}"))).Status);
        Assert.AreEqual(200, (await client.RequestAsync(WithCookie(ChatTestServer.Get($"{ChatRoutes.Talk}?sid={sid}"), $"{name}={value}"))).Status);
    }

    [TestMethod]
    public async Task Behind_a_trusted_proxy_that_terminates_tls_the_cookie_is_secure_and_host_only()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.TrustedProxies.Add("127.0.0.1"));
        const string Https = "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\n";

        var login = await chat.RequestAsync(WithHeaders(ChatTestServer.Post(ChatRoutes.Login, "name=ann&password="), Https));

        Assert.AreEqual(303, login.Status, login.Body);
        var (name, value, attributes) = Parse(login.SetCookies.Single());
        StringAssert.StartsWith(name, "__Host-", "the browser reached the proxy over HTTPS");
        CollectionAssert.AreEquivalent(new[] { "Path=/", "HttpOnly", "SameSite=Strict", "Secure" }, attributes);
        var sid = login.Headers["Location"].Split("sid=")[1];
        var names = WithHeaders(ChatTestServer.Get($"{ChatRoutes.Names}?sid={sid}"), Https);
        Assert.AreEqual(403, (await AsStrangerAsync(chat, names)).Status);
        Assert.AreEqual(200, (await AsStrangerAsync(chat, WithCookie(names, $"{name}={value}"))).Status);
    }

    [TestMethod]
    public async Task A_client_that_is_no_trusted_proxy_cannot_claim_https()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.TrustedProxies.Add("127.0.0.1"));

        var login = await chat.RequestAsync(WithHeaders(ChatTestServer.Post(ChatRoutes.Login, "name=ann&password="), "X-Forwarded-Proto: https\r\n"), from: IPAddress.Parse("127.0.0.2"));

        Assert.AreEqual(303, login.Status, login.Body);
        var (name, _, attributes) = Parse(login.SetCookies.Single());
        Assert.IsFalse(name.StartsWith("__Host-", StringComparison.Ordinal), "the claim of a client is not believed");
        CollectionAssert.DoesNotContain(attributes, "Secure");
    }

    [TestMethod]
    public async Task Without_the_cookie_requirement_a_cookie_less_client_uses_the_session_link_as_before()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.RequireSessionCookie = false);

        var login = await AsStrangerAsync(chat, ChatTestServer.Post(ChatRoutes.Login, "name=bot&password="));
        var sid = login.Headers["Location"].Split("sid=")[1];
        await using var reader = await RawHttpClient.ConnectAsync(chat.EndPoint);
        await reader.SendAsync(ChatTestServer.Get($"{ChatRoutes.Chat}?sid={sid}"));
        Assert.AreEqual(200, (await reader.ReadResponseAsync()).Status);
        await reader.ReadStreamUntilAsync("bot joined.");

        Assert.IsEmpty(login.SetCookies, "no cookie is set");
        Assert.AreEqual(303, (await AsStrangerAsync(chat, ChatTestServer.Post(ChatRoutes.Say, $"sid={sid}&text=beep"))).Status);
        await reader.ReadStreamUntilAsync("beep");
        Assert.AreEqual(200, (await AsStrangerAsync(chat, ChatTestServer.Get($"{ChatRoutes.Names}?sid={sid}"))).Status);
        Assert.AreEqual(303, (await AsStrangerAsync(chat, ChatTestServer.Post(ChatRoutes.Leave, $"sid={sid}"))).Status);
        Assert.IsNull(chat.Server.Engine!.Sessions.Find(sid));
    }

    [TestMethod]
    public async Task The_cookie_is_never_logged()
    {
        using var log = new LogRecorder();
        var time = new FakeTimeProvider();
        await using var server = new ChatServer(new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero }, log.CreateFactory(), time);
        await server.StartAsync();
        var chat = ChatTestServer.Attach(server, time);
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;
        var name = chat.Cookies.Names.Single();
        var value = chat.Cookies[name]!;

        Assert.AreEqual(303, (await chat.SayAsync(ann, "hello")).Status);
        AssertOtherBrowserPage(await AsStrangerAsync(chat, ChatTestServer.Post(ChatRoutes.Say, $"sid={ann}&text=x")));
        AssertOtherBrowserPage(await AsStrangerAsync(chat, WithCookie(ChatTestServer.Post(ChatRoutes.Say, $"sid={ann}&text=x"), $"{name}=wrong{value}")));
        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={ann}"))).Status);

        Assert.IsNotEmpty(log.Entries);
        foreach (var entry in log.Entries)
        {
            Assert.DoesNotContain(value, entry.Message);
            Assert.DoesNotContain(name, entry.Message);
        }
    }

    [TestMethod]
    public void The_header_limit_must_leave_room_for_the_cookies_of_a_browsers_sessions()
    {
        var options = new ChatServerOptions();
        options.Limits.MaxRequestHeadersBytes = 4096;

        var failures = PushChat.Internal.Infrastructure.ChatServerOptionsValidator.Failures(options);
        options.RequireSessionCookie = false;
        var cookieLess = PushChat.Internal.Infrastructure.ChatServerOptionsValidator.Failures(options);

        Assert.IsTrue(failures.Any(f => f.StartsWith("Limits.MaxRequestHeadersBytes (4,096) must be at least 8,192 while RequireSessionCookie is on", StringComparison.Ordinal)), string.Join("\n", failures));
        Assert.IsEmpty(cookieLess, "without cookies the usual floor of 1,024 applies");
        Assert.IsEmpty(PushChat.Internal.Infrastructure.ChatServerOptionsValidator.Failures(new ChatServerOptions()), "the defaults pass");
    }

    private static Task<ChatTestServer> StartAsync(InMemoryUserStore? users = null) =>
        ChatTestServer.StartAsync(o => o.UserStore = users ?? new InMemoryUserStore());

    /// <summary>Registers (so the session has a password page), opens the chat frame and waits for the join.</summary>
    private static async Task<(string Sid, RawHttpClient Chat)> EnterRegisteredAsync(ChatTestServer chat, string name)
    {
        var registered = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Register, $"name={name}&password={Uri.EscapeDataString(Password)}&confirm={Uri.EscapeDataString(Password)}"));
        Assert.AreEqual(303, registered.Status, registered.Body);
        var sid = registered.Headers["Location"].Split("sid=")[1];
        return (sid, await chat.OpenChatAsync(sid, $"{name} joined."));
    }

    /// <summary>One request from another browser, one that has the link but none of the cookies.</summary>
    private static async Task<RawResponse> AsStrangerAsync(ChatTestServer chat, string raw)
    {
        await using var client = await RawHttpClient.ConnectAsync(chat.EndPoint);
        await client.SendAsync(raw);
        return await client.ReadResponseAsync();
    }

    /// <summary>Adds header lines (each ending in CRLF) after the request line.</summary>
    private static string WithHeaders(string raw, string headers)
    {
        var firstLineEnd = raw.IndexOf("\r\n", StringComparison.Ordinal) + 2;
        return raw[..firstLineEnd] + headers + raw[firstLineEnd..];
    }

    private static string WithCookie(string raw, string cookie)
    {
        var lineEnd = raw.IndexOf("\r\n", StringComparison.Ordinal) + 2;
        return raw[..lineEnd] + $"Cookie: {cookie}\r\n" + raw[lineEnd..];
    }

    /// <summary>Logs in as a guest in the helpers' browser; returns the session id and the name of the cookie its login set.</summary>
    private static async Task<(string Sid, string Cookie)> LoginAsync(ChatTestServer chat, string name)
    {
        var login = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, $"name={name}&password="));
        Assert.AreEqual(303, login.Status, login.Body);
        return (login.Headers["Location"].Split("sid=")[1], Parse(login.SetCookies.Single()).Name);
    }

    private static void AssertOtherBrowserPage(RawResponse response)
    {
        Assert.AreEqual(403, response.Status, response.Body);
        StringAssert.Contains(response.Body, OtherBrowser);
        StringAssert.Contains(response.Body, "Log in again from the start page");
        StringAssert.Contains(response.Body, $"href=\"{ChatRoutes.Home}\"", "the page links to the start page");
        Assert.IsEmpty(response.SetCookies, "a refused request leaves the browser's cookies alone");
    }

    private static (string Name, string Value, string[] Attributes) Parse(string setCookie)
    {
        var parts = setCookie.Split(';').Select(p => p.Trim()).ToArray();
        var equals = parts[0].IndexOf('=');
        return (parts[0][..equals], parts[0][(equals + 1)..], parts[1..]);
    }
}
