using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PushChat.Localization;
using PushChat.Rendering;

namespace PushChat.Tests.Localization;

/// <summary>Every default page takes its words and its <c>&lt;html lang&gt;</c> from its model's language.</summary>
[TestClass]
public sealed class DefaultPagesLanguageTests
{
    private static readonly ChatLanguage Chinese = ChatLanguage.SimplifiedChinese;
    private static readonly SessionPage Session = new("Acme", "s1", "ann", "Lobby") { Language = Chinese };

    [TestMethod]
    public void Every_default_page_is_in_its_models_language()
    {
        var look = new DefaultPageRenderer();
        var pages = new Dictionary<string, (string Html, string Words)>
        {
            ["login"] = (look.RenderLogin(new LoginPage("Acme", null, null, true) { Language = Chinese, RegistrationOpen = true }), "<a href=\"/register\">注册账号</a>，昵称就归你了。"),
            ["register"] = (look.RenderRegister(new RegisterPage("Acme", null, null, 8, 64) { Language = Chinese }), "密码 <small>（8 至 64 个字符）</small>"),
            ["offer"] = (look.RenderRegisterOffer(new RegisterPage("Acme", "bob", null, 8, 64) { Language = Chinese }), "<h1>没有名为 bob 的账号</h1>"),
            ["password"] = (look.RenderPassword(new PasswordPage(Session, null, true, 8, 64) { Language = Chinese }), "<h1>修改 ann 的密码</h1>"),
            ["talk"] = (look.RenderTalk(new TalkPage(Session, null, null, 100) { Language = Chinese, CanDeleteLines = true }), ">删除发言</a>"),
            ["lines"] = (look.RenderLines(new LinesPage(Session, Array.Empty<ChatMessage>(), null) { Language = Chinese }), "<p>这个房间没有保存的发言。</p>"),
            ["moderation"] = (look.RenderModeration(new ModerationPage(Session, Array.Empty<ChatUserInfo>(), Array.Empty<TalkChoice>(), null) { Language = Chinese }), "<p>这个房间里没有其他人。</p>"),
            ["error"] = (look.RenderError(new ErrorPage("Acme", 404, "没了", true) { Language = Chinese }), ">返回登录页</a>"),
            ["frameset"] = (look.RenderFrameset(Session), "title=\"在线用户\""),
            ["chat"] = (look.RenderChatStart(Session), "aria-label=\"Lobby 的消息\""),
        };

        foreach (var (name, (html, words)) in pages)
        {
            StringAssert.Contains(html, "<html lang=\"zh-Hans\"", name);
            StringAssert.Contains(html, words, name);
        }
    }

    [TestMethod]
    public void A_page_without_a_language_is_in_english()
    {
        var html = new DefaultPageRenderer().RenderLogin(new LoginPage("Acme", null, null, true));

        StringAssert.Contains(html, "<html lang=\"en\">");
        StringAssert.Contains(html, "<button type=\"submit\">Enter the chat</button>");
        Assert.IsFalse(html.Contains("<select id=\"lang\"", StringComparison.Ordinal), "no choice of language without the chat's languages");
    }

    [TestMethod]
    public void A_derived_renderers_language_aware_shell_gets_the_models_language()
    {
        var html = new LanguageShell().RenderTalk(new TalkPage(Session, null, null, 100) { Language = Chinese });

        StringAssert.StartsWith(html, "[shell zh-Hans]");
    }

    private sealed class LanguageShell : DefaultPageRenderer
    {
        protected override string Document(ChatLanguage language, string title, string bodyClass, string body, string? extraHead = null) => $"[shell {language.Tag}]{body}";
    }
}
