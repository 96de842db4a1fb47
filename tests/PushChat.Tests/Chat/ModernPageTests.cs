using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Chat;

/// <summary>The modern page and its assets over HTTP: what a browser gets before any script runs.</summary>
[TestClass]
public sealed class ModernPageTests
{
    [TestMethod]
    public async Task The_modern_page_comes_under_the_strict_policy_with_no_inline_script_or_style()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = await chat.LoginAsync("alice");

        var page = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.App}?sid={sid}"));

        Assert.AreEqual(200, page.Status);
        Assert.AreEqual("text/html; charset=utf-8", page.Headers["Content-Type"]);
        StringAssert.Contains(page.Headers["Content-Security-Policy"], "script-src 'self'");
        StringAssert.Contains(page.Headers["Content-Security-Policy"], "style-src 'self'");
        StringAssert.Contains(page.Body, $"<script src=\"{ChatRoutes.AppText}?lang=en\"");
        StringAssert.Contains(page.Body, $"<script src=\"{ChatRoutes.AppScript}\"");
        StringAssert.Contains(page.Body, $"<link rel=\"stylesheet\" href=\"{ChatRoutes.AppStyleSheet}\"");
        Assert.IsFalse(Regex.IsMatch(page.Body, "<script(?![^>]*\\ssrc=)", RegexOptions.IgnoreCase), "an inline script");
        Assert.IsFalse(Regex.IsMatch(page.Body, "<style|\\sstyle=|\\son[a-z]+=", RegexOptions.IgnoreCase), "an inline style or handler");
        StringAssert.Contains(page.Body, "aria-live=\"polite\"");
        StringAssert.Contains(page.Body, "data-user=\"alice\"");
    }

    [TestMethod]
    public async Task A_chinese_session_gets_the_page_and_its_texts_in_chinese()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = await chat.LoginAsync("alice", language: "zh-Hans");

        var page = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.App}?sid={sid}"));
        var texts = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.AppText}?lang=zh-Hans"));
        var english = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.AppText}?lang=en"));

        StringAssert.Contains(page.Body, "<html lang=\"zh-Hans\">");
        StringAssert.Contains(page.Body, $"<script src=\"{ChatRoutes.AppText}?lang=zh-Hans\"");
        StringAssert.Contains(texts.Body, "\"linesHeading\":\"聊天内容\"");
        StringAssert.Contains(texts.Body, "\"missed\":\"{count, plural, other {");
        StringAssert.Contains(english.Body, "\"linesHeading\":\"Conversation\"");
        StringAssert.Contains(english.Body, "one {# line was missed while offline.}");
    }

    [TestMethod]
    public async Task The_texts_script_follows_the_browsers_language_when_the_page_names_none()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var texts = await chat.RequestAsync(ChatTestServer.Get(ChatRoutes.AppText).Replace("\r\n\r\n", "\r\nAccept-Language: zh-CN,zh;q=0.9\r\n\r\n", StringComparison.Ordinal));

        StringAssert.Contains(texts.Body, "window.PushChatText");
        StringAssert.Contains(texts.Body, "\"send\":\"发送\"");
    }

    [TestMethod]
    public async Task An_unknown_session_gets_404_and_a_request_without_the_cookie_gets_403()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = await chat.LoginAsync("alice");

        var unknown = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.App}?sid=nope"));
        await using var stranger = await RawHttpClient.ConnectAsync(chat.EndPoint);
        await stranger.SendAsync(ChatTestServer.Get($"{ChatRoutes.App}?sid={sid}"));
        var withoutCookie = await stranger.ReadResponseAsync();

        Assert.AreEqual(404, unknown.Status);
        Assert.AreEqual(403, withoutCookie.Status);
    }

    [TestMethod]
    [DataRow(ChatRoutes.AppScript, "text/javascript; charset=utf-8", "EventSource")]
    [DataRow(ChatRoutes.AppText, "text/javascript; charset=utf-8", "PushChatText")]
    [DataRow(ChatRoutes.AppStyleSheet, "text/css; charset=utf-8", "prefers-color-scheme")]
    public async Task The_modern_pages_assets_are_served_from_the_assembly(string path, string contentType, string content)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var asset = await chat.RequestAsync(ChatTestServer.Get(path));
        var posted = await chat.RequestAsync(ChatTestServer.Post(path, "x=1"));

        Assert.AreEqual(200, asset.Status);
        Assert.AreEqual(contentType, asset.Headers["Content-Type"]);
        Assert.AreEqual("nosniff", asset.Headers["X-Content-Type-Options"]);
        StringAssert.Contains(asset.Body, content);
        Assert.AreEqual(405, posted.Status);
    }

    [TestMethod]
    [DataRow("", ChatRoutes.Room)]
    [DataRow("&ui=classic", ChatRoutes.Room)]
    [DataRow("&ui=modern", ChatRoutes.App)]
    public async Task The_login_goes_to_the_chosen_page_and_the_classic_frames_by_default(string choice, string page)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var login = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=alice&password=" + choice));

        Assert.AreEqual(303, login.Status);
        StringAssert.StartsWith(login.Headers["Location"], page + "?sid=");
    }

    [TestMethod]
    public async Task The_login_page_offers_both_pages_with_the_classic_frames_checked()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var home = await chat.RequestAsync(ChatTestServer.Get(ChatRoutes.Home));

        StringAssert.Contains(home.Body, "name=\"ui\" value=\"classic\" checked");
        StringAssert.Contains(home.Body, "name=\"ui\" value=\"modern\"");
    }

    [TestMethod]
    public async Task The_login_page_remembers_the_page_chosen_at_the_last_login()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var login = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=alice&password=&ui=modern"));
        var home = await chat.RequestAsync(ChatTestServer.Get(ChatRoutes.Home));

        StringAssert.Contains(string.Join("\n", login.SetCookies), "pushchat-page=modern; Path=/; Max-Age=");
        StringAssert.Contains(home.Body, "name=\"ui\" value=\"modern\" checked");
        Assert.IsFalse(home.Body.Contains("value=\"classic\" checked", StringComparison.Ordinal), home.Body);
    }

    [TestMethod]
    public async Task A_guest_is_offered_registration_and_a_registered_user_the_password_change_and_nobody_both()
    {
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("ann", "password", ChatRole.User), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        var guest = await chat.LoginAsync("gina");
        var member = await chat.LoginAsync("ann", "password");

        var guestPage = (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.App}?sid={guest}"))).Body;
        var memberPage = (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.App}?sid={member}"))).Body;

        StringAssert.Contains(guestPage, "id=\"register\"");
        Assert.IsFalse(guestPage.Contains("id=\"password-link\"", StringComparison.Ordinal), guestPage);
        StringAssert.Contains(memberPage, $"id=\"password-link\" href=\"{ChatRoutes.Password}?sid={member}\"");
        Assert.IsFalse(memberPage.Contains("id=\"register\"", StringComparison.Ordinal), memberPage);
    }

    [TestMethod]
    public async Task When_registration_is_closed_the_modern_page_offers_a_guest_none()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.AllowRegistration = false);
        var sid = await chat.LoginAsync("gina");

        var page = (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.App}?sid={sid}"))).Body;

        Assert.IsFalse(page.Contains("id=\"register\"", StringComparison.Ordinal), page);
        Assert.IsFalse(page.Contains("id=\"password-link\"", StringComparison.Ordinal), page);
    }

    [TestMethod]
    public async Task The_modern_page_names_whom_the_user_ignores_and_the_palette_with_the_users_colour_chosen()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (_, bobChat) = await chat.EnterAsync("bob");
        await using var bobStream = bobChat;
        var sid = await chat.LoginAsync("alice");
        Assert.AreEqual(303, (await chat.TalkAsync(sid, "/ignore bob")).Status);
        Assert.AreEqual(303, (await chat.TalkAsync(sid, "/color teal")).Status);

        var page = (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.App}?sid={sid}"))).Body;

        StringAssert.Contains(page, "<ul id=\"ignored\" class=\"ignored-list\"><li data-name=\"bob\"></li></ul>");
        StringAssert.Contains(page, "<option value=\"#00707a\" selected>teal</option>");
        StringAssert.Contains(page, "<option value=\"#1f5fa8\">blue</option>");
    }

    [TestMethod]
    public async Task A_registration_from_a_browser_that_chose_the_modern_page_comes_back_to_it()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = new PushChat.Users.InMemoryUserStore());
        var classic = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Register, "name=carl&password=a+long+secret&confirm=a+long+secret"));
        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=gina&password=&ui=modern"))).Status);

        var modern = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Register, "name=gwen&password=a+long+secret&confirm=a+long+secret"));

        Assert.AreEqual(303, classic.Status);
        StringAssert.StartsWith(classic.Headers["Location"], ChatRoutes.Room + "?sid=");
        Assert.AreEqual(303, modern.Status);
        StringAssert.StartsWith(modern.Headers["Location"], ChatRoutes.App + "?sid=");
    }
}
