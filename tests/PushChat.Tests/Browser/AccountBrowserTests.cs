using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>A person registers, chats, changes the password and logs in again, all in a real Chromium without script.</summary>
[TestClass]
[TestCategory("Browser")]
public sealed class AccountBrowserTests
{
    private const string Old = "correct horse";
    private const string New = "battery staple";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Register_chat_change_the_password_then_only_the_new_one_logs_in()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var browser = ChromiumBrowser.Launch();

        browser.GoTo(ClassicFrames.Home(chat));
        browser.WaitFor("the link to the registration page", () => browser.FindAll($"a[href='{ChatRoutes.Register}']").FirstOrDefault()).Click();
        browser.WaitFor("the registration form", () => browser.FindAll("#name").FirstOrDefault()).SendKeys("ann");
        browser.Find("#password").SendKeys(Old);
        browser.Find("#confirm").SendKeys(Old);
        ClassicFrames.SaveScreenshot(TestContext, browser, "register-page.png");
        browser.Find("form button[type=submit]").Click();
        browser.Until("the frameset", () => browser.TopUrl.AbsolutePath == ChatRoutes.Room && browser.FindAll("frame[name=talk]").Count == 1);
        ClassicFrames.WaitForLine(browser, "ann joined.");
        ClassicFrames.Say(browser, "hello as a member", browser);
        var guest = await chat.LoginAsync("visitor");
        await using var guestChat = await chat.OpenChatAsync(guest);
        Assert.AreEqual(303, (await chat.SayAsync(guest, "hello as a guest")).Status);
        ClassicFrames.WaitForLine(browser, "visitor hello as a guest");
        CollectionAssert.AreEqual(new[] { "\u2713", "guest" }, MarksBesideNames(browser), "the marks the style sheet shows beside the member's and the guest's names");
        ClassicFrames.SaveScreenshot(TestContext, browser, "member-and-guest-lines.png");

        browser.EnterFrame("talk");
        var href = browser.WaitFor("the link to the password page", () => browser.FindAll($"a[href^='{ChatRoutes.Password}?']").FirstOrDefault()).GetDomProperty("href")!;
        browser.LeaveFrames();
        var frameset = browser.Driver.CurrentWindowHandle;
        browser.Driver.SwitchTo().NewWindow(OpenQA.Selenium.WindowType.Tab);
        browser.Driver.Navigate().GoToUrl(href);
        browser.WaitFor("the password form", () => browser.FindAll("#current").FirstOrDefault()).SendKeys(Old);
        browser.Find("#password").SendKeys(New);
        browser.Find("#confirm").SendKeys(New);
        browser.Find("form button[type=submit]").Click();
        browser.Until("the notice that the password changed", () => browser.FindAll("p.notice").Any(p => p.Text.Contains("Your password is changed", StringComparison.Ordinal)));
        ClassicFrames.SaveScreenshot(TestContext, browser, "password-changed.png");
        browser.Driver.Close();
        browser.Driver.SwitchTo().Window(frameset);

        browser.EnterFrame("talk");
        browser.Find("form.leave button[type=submit]").Click();
        browser.LeaveFrames();
        browser.Until("the login page", () => browser.TopUrl.AbsolutePath == ChatRoutes.Home && browser.FindAll("#name").Count == 1);

        SubmitLogin(browser, chat, "ann", Old);
        browser.Until("the refusal of the old password", () => browser.FindAll("p.error").Any(p => p.Text.Contains("Wrong name or password", StringComparison.Ordinal)));
        SubmitLogin(browser, chat, "ann", New);
        browser.Until("the frameset", () => browser.TopUrl.AbsolutePath == ChatRoutes.Room && browser.FindAll("frame[name=talk]").Count == 1);
        ClassicFrames.WaitForLine(browser, "ann joined.");
        Assert.AreEqual(ChatRole.User, chat.Server.OnlineUsers.Single(u => u.Name == "ann").Role);
    }

    /// <summary>What the style sheet draws after each speaker's name in the chat frame, in line order.</summary>
    private static string[] MarksBesideNames(ChromiumBrowser browser)
    {
        browser.EnterFrame("chat");
        var marks = browser.Script("return Array.from(document.querySelectorAll('.log p.line > b')).map(b => getComputedStyle(b, '::after').content);") as IEnumerable<object> ?? [];
        return marks.Select(m => ((string)m).Split(" / ")[0].Trim('"')).ToArray();
    }

    private static void SubmitLogin(ChromiumBrowser browser, ChatTestServer chat, string name, string password)
    {
        browser.GoTo(ClassicFrames.Home(chat));
        browser.WaitFor("the login form", () => browser.FindAll("#name").FirstOrDefault()).SendKeys(name);
        browser.Find("#password").SendKeys(password);
        browser.Find("form button[type=submit]").Click();
    }
}
