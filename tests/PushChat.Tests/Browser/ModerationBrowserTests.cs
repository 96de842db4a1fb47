using OpenQA.Selenium;
using PushChat.Tests.Infrastructure;
using static PushChat.Tests.Browser.ClassicFrames;

namespace PushChat.Tests.Browser;

/// <summary>An admin kicks a user from the moderation page in a real Chromium; the user's chat frame says why and stops.</summary>
[TestClass]
[TestCategory("Browser")]
public sealed class ModerationBrowserTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task An_admin_kicks_a_user_whose_chat_frame_then_shows_the_notice_and_stops()
    {
        ChromiumBrowser.RequireInstalled();
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("root", "password", ChatRole.Admin), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        using var root = ChromiumBrowser.Launch();
        using var bob = ChromiumBrowser.Launch();
        LogIn(root, chat, "root", "password");
        LogIn(bob, chat, "bob");
        bob.EnterFrame("chat");
        Assert.AreNotEqual("complete", bob.Script("return document.readyState;") as string, "the open chat frame is still loading");

        root.EnterFrame("talk");
        var link = root.WaitFor("the link to the moderation page", () => root.FindAll($"a[href^='{ChatRoutes.Moderate}?']").FirstOrDefault());
        var href = link.GetDomProperty("href")!;
        root.Driver.SwitchTo().NewWindow(WindowType.Tab);
        root.Driver.Navigate().GoToUrl(href);
        var row = root.WaitFor("bob's row on the moderation page", () => root.FindAll("li").FirstOrDefault(li => li.Text.Contains("bob", StringComparison.Ordinal)));
        var action = row.FindElement(By.CssSelector("select[name=action]"));
        action.FindElement(By.CssSelector("option[value=kick]")).Click();
        Assert.AreEqual("kick", action.GetDomProperty("value"));
        row.FindElement(By.CssSelector("input[name=reason]")).SendKeys("spam");
        ClassicFrames.SaveScreenshot(TestContext, root, "moderation-users.png");
        row.FindElement(By.CssSelector("button")).Click();
        root.Until("the moderation page without bob", () => root.Find("h1").Text.StartsWith("Moderate", StringComparison.Ordinal) && !root.FindAll("li").Any(li => li.Text.Contains("bob", StringComparison.Ordinal)));

        bob.EnterFrame("chat");
        bob.Until("the kick notice in bob's chat frame", () => ReadLines(bob).Any(l => l.Text == "You were kicked out by root: spam"));
        bob.Until("bob's chat frame to stop loading", () => bob.Script("return document.readyState;") as string == "complete");
        ClassicFrames.SaveScreenshot(TestContext, bob, "kicked-chat-frame.png");
        Assert.IsFalse(chat.Server.OnlineUsers.Any(u => u.Name == "bob"));
    }
}
