using System.Globalization;
using OpenQA.Selenium;
using PushChat.Tests.Infrastructure;
using static PushChat.Tests.Browser.ClassicFrames;

namespace PushChat.Tests.Browser;

/// <summary>
/// The classic no-JavaScript chat as a person uses it: a real Chromium fills in the login form,
/// lands in the frameset, types into the talk frame and reads the streaming chat frame.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class ClassicChatBrowserTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Two_browsers_log_in_chat_through_the_frames_and_one_leaves()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        using var bob = ChromiumBrowser.Launch();

        LogIn(alice, chat, "alice");
        LogIn(bob, chat, "bob");
        WaitForLine(alice, "bob joined.");

        // The server's clock stands still, so the flood limit (five lines in five seconds) allows five lines per user here.
        Say(alice, "hello from alice", alice, bob);
        Say(bob, "你好 é", alice, bob);
        Say(alice, "<b>x</b>", alice, bob);
        Say(bob, "second from bob", alice, bob);

        string[] expected =
        [
            "alice joined.",
            "bob joined.",
            "alice hello from alice",
            "bob 你好 é",
            "alice <b>x</b>",
            "bob second from bob",
        ];
        foreach (var browser in new[] { alice, bob })
        {
            var lines = ReadLines(browser);
            CollectionAssert.AreEqual(expected, lines.Select(l => l.Text).ToArray(), string.Join("\n", lines));
            var sequence = lines.Select(l => long.Parse(l.Id, CultureInfo.InvariantCulture)).ToArray();
            for (var i = 1; i < sequence.Length; i++)
            {
                Assert.IsGreaterThan(sequence[i - 1], sequence[i], $"line ids out of order: {string.Join(", ", lines.Select(l => l.Id))}");
            }

            // The typed markup is text: the only elements in the line are its time and the sender's name.
            var markup = browser.Script("""
                const line = Array.from(document.querySelectorAll('.log p.line')).find(p => p.textContent.endsWith(' <b>x</b>'));
                return Array.from(line.querySelectorAll('*')).map(e => e.tagName === 'B' ? 'B:' + e.textContent : e.tagName).join('|');
                """) as string;
            Assert.AreEqual("TIME|B:alice", markup);
        }

        SendNewNames(chat);
        foreach (var browser in new[] { alice, bob })
        {
            browser.EnterFrame("names");
            browser.Until("the names frame to list alice and bob", () =>
                string.Join(",", ReadNames(browser)) == "alice,bob");
        }

        ClassicFrames.SaveScreenshot(TestContext, alice, "frameset-after-chatting.png");

        alice.EnterFrame("talk");
        alice.Find("form.leave button").Click();
        alice.Until("the login page after leaving", () =>
            alice.TopUrl.AbsolutePath == ChatRoutes.Home && alice.FindAll("form[action='/login'] #name").Count == 1);

        WaitForLine(bob, "alice left.");
        SendNewNames(chat);
        bob.EnterFrame("names");
        bob.Until("the names frame to list only bob", () => string.Join(",", ReadNames(bob)) == "bob");
    }

    [TestMethod]
    public async Task The_chat_frame_keeps_the_newest_line_in_view()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var carol = ChromiumBrowser.Launch();
        FillChatFrame(chat, carol, 60);
        var (first, last, height) = LineBoxes(carol);
        Assert.IsLessThan(0, first.Top, "60 lines should not fit in the chat frame");
        Assert.IsTrue(last.Top >= 0 && last.Bottom <= height, $"the newest line is out of view: {last}, frame height {height}");

        PostNotices(chat, 61, 80);
        WaitForLine(carol, "notice 80");
        (_, last, height) = LineBoxes(carol);
        Assert.IsTrue(last.Top >= 0 && last.Bottom <= height, $"the newest line is out of view after more lines: {last}, frame height {height}");
    }

    [TestMethod]
    public async Task Earlier_lines_of_a_full_chat_frame_can_be_scrolled_into_view()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var carol = ChromiumBrowser.Launch();
        FillChatFrame(chat, carol, 60);
        carol.Script("document.querySelector('.log p.line').scrollIntoView();");
        var (first, _, height) = LineBoxes(carol);
        Assert.IsTrue(first.Top >= 0 && first.Bottom <= height, $"the first line cannot be scrolled into view: {first}, frame height {height}");
    }

    [TestMethod]
    public async Task The_talk_and_names_frames_are_big_enough_to_use()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var dave = ChromiumBrowser.Launch();
        LogIn(dave, chat, "dave");

        dave.EnterFrame("talk");
        dave.Until("an empty talk form", () => dave.Script("return " + TalkFormState) as string == "empty:dave");
        var talk = Numbers(dave.Script("return [innerHeight, document.documentElement.scrollHeight];"));
        Assert.IsGreaterThanOrEqualTo(talk[1], talk[0], $"the talk frame is {talk[0]} px high but its form needs {talk[1]} px");

        SendNewNames(chat);
        dave.EnterFrame("names");
        dave.Until("the names frame to list dave", () => string.Join(",", ReadNames(dave)) == "dave");
        var names = Numbers(dave.Script("return [innerWidth, document.documentElement.scrollWidth];"));
        Assert.IsGreaterThanOrEqualTo(names[1], names[0], $"the names frame is {names[0]} px wide but its list needs {names[1]} px");
    }

    [TestMethod]
    public async Task A_refused_name_shows_why_and_keeps_what_was_typed()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var browser = ChromiumBrowser.Launch();

        browser.GoTo(Home(chat));
        var name = browser.WaitFor("the login form", () => browser.FindAll("#name").FirstOrDefault());
        name.SendKeys("a<b");
        browser.Find("form button[type=submit]").Click();

        var error = browser.WaitFor("the login error", () => browser.FindAll("p.error[role=alert]").FirstOrDefault());
        Assert.AreEqual("A name may contain only letters, digits, spaces, '_', '-' and '.'.", error.Text);
        Assert.AreEqual(ChatRoutes.Login, browser.TopUrl.AbsolutePath);
        Assert.AreEqual("a<b", browser.Find("#name").GetDomProperty("value"));
        Assert.IsEmpty(chat.Server.OnlineUsers);
    }

    private static double[] Numbers(object? script) =>
        (script as IEnumerable<object> ?? []).Select(n => Convert.ToDouble(n, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Logs in as carol and waits until the chat frame shows the given number of notices, more than fit.</summary>
    private static void FillChatFrame(ChatTestServer chat, ChromiumBrowser browser, int lines)
    {
        LogIn(browser, chat, "carol");
        PostNotices(chat, 1, lines);
        WaitForLine(browser, $"notice {lines}");
    }

    private static void PostNotices(ChatTestServer chat, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            chat.Server.PostNotice($"notice {i}");
        }
    }

    /// <summary>Where the first and the last line of the chat frame are, and how tall the frame is, in CSS pixels.</summary>
    private static ((double Top, double Bottom) First, (double Top, double Bottom) Last, double Height) LineBoxes(ChromiumBrowser browser)
    {
        var numbers = Numbers(browser.Script("""
            const lines = document.querySelectorAll('.log p.line');
            const first = lines[0].getBoundingClientRect();
            const last = lines[lines.length - 1].getBoundingClientRect();
            return [first.top, first.bottom, last.top, last.bottom, innerHeight];
            """));
        return ((numbers[0], numbers[1]), (numbers[2], numbers[3]), numbers[4]);
    }
}
