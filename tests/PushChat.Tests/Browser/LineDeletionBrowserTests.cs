using OpenQA.Selenium;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// A deleted line disappears from a chat frame that already shows it, in a real Chromium, with
/// the chat's strict Content-Security-Policy in force and no script on the page.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class LineDeletionBrowserTests
{
    // Every line of the chat frame as "shown|text" or "hidden|text", the text without its time stamp.
    private const string ReadLinesScript = """
        return Array.from(document.querySelectorAll('.log p.line')).map(p => {
          const time = p.querySelector('time');
          const shown = p.getClientRects().length > 0 && getComputedStyle(p).display !== 'none';
          return (shown ? 'shown' : 'hidden') + '|' + p.textContent.slice(time ? time.textContent.length : 0).trim();
        });
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task An_admin_deletes_a_line_from_the_moderation_page_and_it_disappears_from_the_open_chat_frame()
    {
        ChromiumBrowser.RequireInstalled();
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("carol", "s3cret!", ChatRole.Admin), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        using var carol = ChromiumBrowser.Launch();
        ClassicFrames.LogIn(carol, chat, "carol", "s3cret!");

        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        Assert.AreEqual(303, (await chat.SayAsync(alice, "delete me")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(alice, "keep me")).Status);
        WaitForLines(carol, "shown|alice delete me", "shown|alice keep me");

        // The policy is in force in this frame: a style element added to it is refused.
        carol.EnterFrame("chat");
        carol.Script("const s = document.createElement('style'); s.textContent = '.log p.line { display: none; }'; document.head.appendChild(s);");
        WaitForLines(carol, "shown|alice delete me", "shown|alice keep me");
        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.ConnectAsync();
        await bobChat.SendAsync(ChatTestServer.Get($"{ChatRoutes.Chat}?sid={bob}"));
        var head = await bobChat.ReadResponseAsync();
        Assert.AreEqual(ChatServerCsp, head.Headers["Content-Security-Policy"], "the chat frame's policy");

        carol.EnterFrame("talk");
        var moderate = carol.WaitFor("the link to the moderation page", () => carol.FindAll($"a[href^='{ChatRoutes.Lines}?']").FirstOrDefault());
        var href = moderate.GetDomProperty("href")!;
        var frameset = carol.Driver.CurrentWindowHandle;
        carol.Driver.SwitchTo().NewWindow(WindowType.Tab);
        carol.Driver.Navigate().GoToUrl(href);
        var button = carol.WaitFor("the delete button of 'delete me'", () => carol.FindAll("li").FirstOrDefault(li => li.Text.Contains("delete me", StringComparison.Ordinal))?.FindElement(By.CssSelector("button")));
        ClassicFrames.SaveScreenshot(TestContext, carol, "moderation-page.png");
        var clicked = System.Diagnostics.Stopwatch.StartNew();
        button.Click();
        carol.Until("the moderation page without 'delete me'", () =>
            carol.FindAll("li").Count > 0 && !carol.FindAll("li").Any(li => li.Text.Contains("delete me", StringComparison.Ordinal)));

        carol.Driver.SwitchTo().Window(frameset);
        WaitForLines(carol, "hidden|alice delete me", "shown|alice keep me");
        TestContext.WriteLine($"The line was hidden {clicked.ElapsedMilliseconds} ms after the click on Delete (polled every 50 ms).");

        // The frame goes on showing new lines after the deletion.
        Assert.AreEqual(303, (await chat.SayAsync(alice, "after")).Status);
        WaitForLines(carol, "hidden|alice delete me", "shown|alice keep me", "shown|alice after");
        ClassicFrames.SaveScreenshot(TestContext, carol, "frameset-after-deleting.png");
    }

    private const string ChatServerCsp =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

    /// <summary>Waits until the user lines of the chat frame (notices left out) are exactly these, in order.</summary>
    private static void WaitForLines(ChromiumBrowser browser, params string[] expected)
    {
        browser.EnterFrame("chat");
        string[] lines = [];
        try
        {
            browser.Until($"the chat frame to show {string.Join(", ", expected)}", () =>
            {
                lines = (browser.Script(ReadLinesScript) as IEnumerable<object> ?? []).Select(o => (string)o)
                    .Where(l => !l.EndsWith(" joined.", StringComparison.Ordinal)).ToArray();
                return lines.SequenceEqual(expected);
            });
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail($"The chat frame shows: {string.Join(", ", lines)}");
        }
    }
}
