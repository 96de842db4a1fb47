using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Moderation;

namespace PushChat.Tests.Localization;

/// <summary>The classic pages speak the reader's language: the browser's before login, the session's after.</summary>
[TestClass]
public sealed class PageLanguageTests
{
    [TestMethod]
    [DataRow("zh-CN,zh;q=0.9", "zh-Hans", "<label for=\"name\">昵称</label>")]
    [DataRow("en-US,en;q=0.9", "en", "<label for=\"name\">Name</label>")]
    public async Task The_login_page_speaks_the_browsers_language(string acceptLanguage, string tag, string nameLabel)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var page = await chat.RequestAsync(WithLanguage(ChatTestServer.Get("/"), acceptLanguage));

        Assert.AreEqual(200, page.Status);
        StringAssert.Contains(page.Body, $"<html lang=\"{tag}\">");
        StringAssert.Contains(page.Body, nameLabel);
        StringAssert.Contains(page.Body, "<select id=\"lang\" name=\"lang\">");
        StringAssert.Contains(page.Body, $"<option value=\"{tag}\" lang=\"{tag}\" selected>");
    }

    [TestMethod]
    public async Task A_language_picked_by_link_is_remembered_by_the_browser()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var english = await chat.RequestAsync(ChatTestServer.Get("/"));
        StringAssert.Contains(english.Body, "<a href=\"/?lang=zh-Hans\" lang=\"zh-Hans\" hreflang=\"zh-Hans\">简体中文</a>");

        var picked = await chat.RequestAsync(ChatTestServer.Get("/?lang=zh-Hans"));
        StringAssert.Contains(picked.Body, "<html lang=\"zh-Hans\">");
        StringAssert.Contains(picked.Body, "<a href=\"/?lang=en\" lang=\"en\" hreflang=\"en\">English</a>");
        Assert.AreEqual("zh-Hans", chat.Cookies["pushchat-lang"]);
        Assert.IsTrue(picked.SetCookies[0].Contains("Max-Age=31536000", System.StringComparison.Ordinal), picked.SetCookies[0]);

        var later = await chat.RequestAsync(ChatTestServer.Get("/"));
        StringAssert.Contains(later.Body, "<html lang=\"zh-Hans\">");
        StringAssert.Contains(later.Body, "进入聊天室");
    }

    [TestMethod]
    public async Task A_chinese_sessions_frames_are_in_chinese()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = await chat.LoginAsync("ann", language: "zh-Hans");

        var frameset = await chat.RequestAsync(ChatTestServer.Get($"/room?sid={sid}"));
        var talk = await chat.RequestAsync(ChatTestServer.Get($"/talk?sid={sid}"));
        await using var stream = await chat.OpenChatAsync(sid);

        StringAssert.Contains(frameset.Body, "<html lang=\"zh-Hans\">");
        StringAssert.Contains(frameset.Body, "title=\"聊天消息\"");
        StringAssert.Contains(talk.Body, "<html lang=\"zh-Hans\">");
        StringAssert.Contains(talk.Body, "<button type=\"submit\">发送</button>");
        StringAssert.Contains(stream.StreamText, "<html lang=\"zh-Hans\" class=\"chat\">");
        StringAssert.Contains(stream.StreamText, "aria-label=\"Lobby 的消息\"");
    }

    [TestMethod]
    public async Task A_chinese_moderators_pages_are_in_chinese()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var root = await chat.LoginAsync("root", ModerationSetup.Password, language: "zh-Hans");
        var (_, bob) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var bobsChat = bob;

        var moderation = await chat.RequestAsync(ChatTestServer.Get($"/moderate?sid={root}"));
        var lines = await chat.RequestAsync(ChatTestServer.Get($"/lines?sid={root}"));
        var refused = await chat.RequestAsync(ChatTestServer.Post("/moderate", $"sid={root}&name=&action=kick"));

        Assert.AreEqual(200, moderation.Status, moderation.Body);
        StringAssert.Contains(moderation.Body, "<h1>管理 Lobby</h1>", moderation.Body);
        StringAssert.Contains(moderation.Body, "<option value=\"kick\">踢出</option>", moderation.Body);
        StringAssert.Contains(lines.Body, "<h1>Lobby 的发言</h1>", lines.Body);
        Assert.AreEqual(400, refused.Status, refused.Body);
        StringAssert.Contains(refused.Body, "请选择用户和要执行的操作。", refused.Body);
    }

    [TestMethod]
    [DataRow("zh-CN", "zh-Hans", "此聊天会话已结束或不存在，请重新登录。")]
    [DataRow("en", "en", "This chat session has ended or never existed. Please log in again.")]
    public async Task An_ended_sessions_error_page_speaks_the_browsers_language(string acceptLanguage, string tag, string message)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var page = await chat.RequestAsync(WithLanguage(ChatTestServer.Get("/talk?sid=gone"), acceptLanguage));

        Assert.AreEqual(404, page.Status);
        StringAssert.Contains(page.Body, $"<html lang=\"{tag}\">");
        StringAssert.Contains(page.Body, message);
    }

    [TestMethod]
    public async Task The_registration_form_carries_the_language()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = new PushChat.Users.InMemoryUserStore());

        var page = await chat.RequestAsync(WithLanguage(ChatTestServer.Get("/register"), "zh-CN"));

        StringAssert.Contains(page.Body, "<html lang=\"zh-Hans\">");
        StringAssert.Contains(page.Body, "<input type=\"hidden\" name=\"lang\" value=\"zh-Hans\">");
        StringAssert.Contains(page.Body, "注册并进入聊天室");
    }

    [TestMethod]
    public async Task A_refused_method_is_answered_in_the_browsers_language()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var refused = await chat.RequestAsync(WithLanguage(ChatTestServer.Post("/", "x=1"), "zh-CN"));

        Assert.AreEqual(405, refused.Status);
        Assert.AreEqual("此页面只接受 GET, HEAD。\n", refused.Body);
    }

    private static string WithLanguage(string request, string acceptLanguage) =>
        request.Replace("\r\n\r\n", $"\r\nAccept-Language: {acceptLanguage}\r\n\r\n", System.StringComparison.Ordinal);
}
