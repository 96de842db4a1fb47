using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// The session cookie in a real Chromium: the login's redirect into the frameset carries it, a
/// link to the chat followed from another site does not (SameSite=Strict), and the 403 page then
/// tells the person what to do.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class SessionCookieBrowserTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_chat_link_from_another_site_or_another_browser_gets_the_explanation_and_the_address_bar_opens_it()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var browser = ChromiumBrowser.Launch();
        ClassicFrames.LogIn(browser, chat, "ann");
        var room = browser.TopUrl;

        // A page of another site (a data: URL has an opaque origin) linking to the chat.
        browser.GoTo(new Uri("data:text/html," + Uri.EscapeDataString($"<a id=\"go\" href=\"{room}\">my chat</a>")));
        browser.WaitFor("the link on the other site", () => browser.FindAll("#go").FirstOrDefault()).Click();
        AssertExplained(browser, room);
        ClassicFrames.SaveScreenshot(TestContext, browser, "chat-link-from-another-site.png");

        // What the page says to do: the address bar is the browser's own navigation, which sends the cookie.
        browser.GoTo(room);
        browser.Until("the frameset", () => browser.FindAll("frame[name=talk]").Count == 1);
        ClassicFrames.Say(browser, "back in", browser);

        using var other = ChromiumBrowser.Launch();
        other.GoTo(room);
        AssertExplained(other, room);
    }

    private static void AssertExplained(ChromiumBrowser browser, Uri room)
    {
        var error = browser.WaitFor("the explanation", () => browser.FindAll("p.error").FirstOrDefault());
        StringAssert.Contains(error.Text, "This chat link belongs to another browser.");
        StringAssert.Contains(error.Text, "click in the address bar and press Enter");
        Assert.AreEqual(room, browser.TopUrl);
        Assert.IsNotNull(browser.FindAll($"a[href='{ChatRoutes.Home}']").FirstOrDefault(), "a link to the start page");
    }
}
