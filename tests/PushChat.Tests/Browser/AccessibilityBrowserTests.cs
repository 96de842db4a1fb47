using OpenQA.Selenium;
using PushChat.Localization;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// axe-core over every page of both interfaces in a real Chromium, in the light and the dark
/// scheme: no serious or critical WCAG 2.x A/AA violation on any of them.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class AccessibilityBrowserTests
{
    [TestMethod]
    [DataRow("light", "en")]
    [DataRow("dark", "en")]
    [DataRow("light", "zh-CN")]
    [DataRow("dark", "zh-CN")]
    public async Task Every_page_has_no_serious_or_critical_axe_violation(string scheme, string language)
    {
        ChromiumBrowser.RequireInstalled();
        var words = language.StartsWith("zh", StringComparison.Ordinal) ? ChatLanguage.SimplifiedChinese : ChatLanguage.English;
        string[] asLanguage = ["--lang=" + language, "--accept-lang=" + language];
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("root", "password", ChatRole.Admin), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        using var browser = ChromiumBrowser.Launch(asLanguage);
        using var modern = ChromiumBrowser.Launch(asLanguage);
        Prefer(browser, scheme);
        Prefer(modern, scheme);
        var found = new List<string>();

        browser.GoTo(ClassicFrames.Home(chat));
        browser.WaitFor("the login form", () => browser.FindAll("#name").FirstOrDefault());
        Assert.AreEqual(words.Tag, browser.Script("return document.documentElement.lang;"), "the login page's language");
        Check(browser, "the login page", found);
        browser.GoTo(new Uri($"http://{chat.EndPoint}{ChatRoutes.Register}"));
        browser.WaitFor("the registration form", () => browser.FindAll("#confirm").FirstOrDefault());
        Check(browser, "the registration page", found);

        ClassicFrames.LogIn(browser, chat, "root", "password", words);
        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob);
        Assert.AreEqual(303, (await chat.SayAsync(bob, "a line to read")).Status);
        ClassicFrames.WaitForLine(browser, "bob a line to read");
        browser.Driver.SwitchTo().DefaultContent();
        Check(browser, "the frameset", found);
        browser.EnterFrame("chat");
        Assert.AreNotEqual("complete", browser.Script("return document.readyState;") as string, "the chat frame is still streaming");
        Check(browser, "the chat frame", found);
        browser.EnterFrame("talk");
        browser.WaitFor("the talk form", () => browser.FindAll("form.say #text").FirstOrDefault());
        Check(browser, "the talk frame", found);
        ClassicFrames.SendNewNames(chat);
        browser.EnterFrame("names");
        browser.Until("bob in the names frame", () => ClassicFrames.ReadNames(browser).Contains("bob"));
        Assert.AreNotEqual("complete", browser.Script("return document.readyState;") as string, "the names frame is still open for new lists");
        Check(browser, "the names frame", found);

        browser.EnterFrame("talk");
        var moderate = browser.WaitFor("the link to the moderation page", () => browser.FindAll($"a[href^='{ChatRoutes.Moderate}?']").FirstOrDefault()).GetDomProperty("href")!;
        var lines = browser.WaitFor("the link to the lines page", () => browser.FindAll($"a[href^='{ChatRoutes.Lines}?']").FirstOrDefault()).GetDomProperty("href")!;
        browser.Driver.SwitchTo().NewWindow(WindowType.Tab);
        Prefer(browser, scheme);
        browser.Driver.Navigate().GoToUrl(moderate);
        browser.WaitFor("bob's row on the moderation page", () => browser.FindAll("li").FirstOrDefault(li => li.Text.Contains("bob", StringComparison.Ordinal)));
        Check(browser, "the moderation page", found);
        browser.Driver.Navigate().GoToUrl(lines);
        browser.WaitFor("bob's line on the lines page", () => browser.FindAll("li").FirstOrDefault(li => li.Text.Contains("a line to read", StringComparison.Ordinal)));
        Check(browser, "the lines page", found);

        ModernPage.LogIn(modern, chat, "cy");
        ModernPage.Say(modern, "hello from the modern page");
        ModernPage.WaitForLine(modern, "public", "hello from the modern page");
        Assert.AreEqual(scheme == "dark", modern.Script("return matchMedia('(prefers-color-scheme: dark)').matches;"), "the scheme the modern page sees");
        Assert.AreEqual(words.Tag, modern.Script("return document.documentElement.lang;"), "the modern page's language");
        Check(modern, "the modern page", found);
        modern.Driver.Manage().Window.Size = new System.Drawing.Size(360, 800);
        Check(modern, "the modern page at 360 px", found);

        Assert.AreEqual(0, found.Count, $"serious or critical violations in the {scheme} scheme in {language}:\n" + string.Join("\n", found));
    }

    [TestMethod]
    public async Task The_chinese_classic_pages_have_a_valid_language_and_no_serious_or_critical_axe_violation()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var browser = ChromiumBrowser.Launch();
        var found = new List<string>();
        browser.GoTo(new Uri($"http://{chat.EndPoint}{ChatRoutes.Home}?lang=zh-Hans"));
        browser.WaitFor("the login form", () => browser.FindAll("#name").FirstOrDefault());
        Assert.AreEqual("zh-Hans", browser.Script("return document.documentElement.lang;"), "the login page's language");
        Assert.AreEqual("zh-Hans", browser.Find("#lang").GetDomProperty("value"), "the language picked on the login form");
        Check(browser, "the Chinese login page", found);

        browser.Find("#name").SendKeys("ann");
        browser.Find("form button[type=submit]").Click();
        browser.Until("the frameset", () => browser.TopUrl.AbsolutePath == ChatRoutes.Room && browser.FindAll("frame[name=talk]").Count == 1);
        Assert.AreEqual("zh-Hans", browser.Script("return document.documentElement.lang;"), "the frameset's language");
        Check(browser, "the Chinese frameset", found);
        browser.EnterFrame("talk");
        browser.WaitFor("the talk form", () => browser.FindAll("form.say #text").FirstOrDefault());
        Assert.AreEqual("zh-Hans", browser.Script("return document.documentElement.lang;"), "the talk frame's language");
        Check(browser, "the Chinese talk frame", found);
        browser.EnterFrame("chat");
        browser.WaitFor("the chat log", () => browser.FindAll("[role=log]").FirstOrDefault());
        Assert.AreEqual("zh-Hans", browser.Script("return document.documentElement.lang;"), "the chat frame's language");
        Check(browser, "the Chinese chat frame", found);

        Assert.AreEqual(0, found.Count, "serious or critical violations on the Chinese pages:\n" + string.Join("\n", found));
    }

    [TestMethod]
    public void The_check_lists_a_serious_violation_with_its_rule_target_and_help()
    {
        using var browser = ChromiumBrowser.Launch();
        browser.GoTo(new Uri("data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main><img src=x.png></main>"));
        browser.WaitFor("the page", () => browser.FindAll("img").FirstOrDefault());
        var failure = Assert.ThrowsExactly<AssertFailedException>(() => AxeCheck.Run(browser, "a page with an image without text"));
        StringAssert.Contains(failure.Message, "on a page with an image without text");
        StringAssert.Contains(failure.Message, "image-alt (critical): Images must have alternative text at img");
    }

    private static void Prefer(ChromiumBrowser browser, string scheme) =>
        browser.Cdp("Emulation.setEmulatedMedia", new() { ["features"] = new[] { new Dictionary<string, object?> { ["name"] = "prefers-color-scheme", ["value"] = scheme } } });

    private static void Check(ChromiumBrowser browser, string page, List<string> found) =>
        found.AddRange(AxeCheck.Violations(browser).Select(v => page + ": " + v));
}
