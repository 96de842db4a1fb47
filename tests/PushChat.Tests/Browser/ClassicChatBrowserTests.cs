using System.Globalization;
using OpenQA.Selenium;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// The classic no-JavaScript chat as a person uses it: a real Chromium fills in the login form,
/// lands in the frameset, types into the talk frame and reads the streaming chat frame.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class ClassicChatBrowserTests
{
    // Every line of the chat frame as "{seq}|text", the text without its time stamp.
    private const string ReadLinesScript = """
        return Array.from(document.querySelectorAll('.log p.line')).map(p => {
          const time = p.querySelector('time');
          return p.dataset.seq + '|' + p.textContent.slice(time ? time.textContent.length : 0).trim();
        });
        """;

    // The state of the talk frame: "empty:{name}" when its box is empty, "refused:{error}", "typed:{text}", or null while it loads.
    private const string TalkFormState = """
        (() => {
          if (document.readyState !== 'complete') return null;
          const error = document.querySelector('p.error');
          if (error) return 'refused:' + error.textContent;
          const box = document.querySelector('form.say #text');
          if (!box) return null;
          return box.value === '' ? 'empty:' + document.querySelector('form.say label.who').textContent : 'typed:' + box.value;
        })()
        """;

    public TestContext TestContext { get; set; } = null!;

    [ClassCleanup]
    public static void KillAbandonedBrowsers() => ChromiumBrowser.KillAbandoned();

    [TestMethod]
    public async Task Two_browsers_log_in_chat_through_the_frames_and_one_leaves()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync(options => options.NamesRefreshInterval = TimeSpan.FromSeconds(1));
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

        foreach (var browser in new[] { alice, bob })
        {
            browser.EnterFrame("names");
            browser.Until("the names frame to list alice and bob", () =>
                string.Join(",", ReadNames(browser)) == "alice,bob");
        }

        SaveScreenshot(alice, "frameset-after-chatting.png");

        alice.EnterFrame("talk");
        alice.Find("form.leave button").Click();
        alice.Until("the login page after leaving", () =>
            alice.TopUrl.AbsolutePath == ChatRoutes.Home && alice.FindAll("form[action='/login'] #name").Count == 1);

        WaitForLine(bob, "alice left.");
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

    private static Uri Home(ChatTestServer chat) => new($"http://{chat.EndPoint}{ChatRoutes.Home}");

    private static void LogIn(ChromiumBrowser browser, ChatTestServer chat, string name)
    {
        browser.GoTo(Home(chat));
        var box = browser.WaitFor("the login form", () => browser.FindAll("#name").FirstOrDefault());
        box.SendKeys(name);
        browser.Find("form button[type=submit]").Click();
        browser.Until("the frameset", () => browser.TopUrl.AbsolutePath == ChatRoutes.Room && browser.FindAll("frame[name=talk]").Count == 1);
        WaitForLine(browser, $"{name} joined.");
    }

    /// <summary>
    /// Types a line into the talk frame and sends it, waits until the talk frame shows a new, empty
    /// form (the post was taken), then until every reader's chat frame shows the line.
    /// </summary>
    private static void Say(ChromiumBrowser speaker, string text, params ChromiumBrowser[] readers)
    {
        speaker.EnterFrame("talk");
        var sender = speaker.WaitFor("an empty talk form", () => speaker.Script("return " + TalkFormState) as string is { } state && state.StartsWith("empty:", StringComparison.Ordinal)
            ? state["empty:".Length..]
            : null);

        // A mark on this document's window: the page that comes back after the post is a new document without it.
        speaker.Script("window.pushChatPostedFromHere = true;");
        var input = speaker.Find("form.say #text");
        input.SendKeys(text);
        Assert.AreEqual(text, input.GetDomProperty("value"), "the talk box did not take the typed text");
        speaker.Find("form.say button[type=submit]").Click();

        var after = speaker.WaitFor("the talk form after the post", () =>
            speaker.Script("return window.pushChatPostedFromHere ? null : " + TalkFormState) as string);
        Assert.AreEqual("empty:" + sender, after, $"the talk frame after posting '{text}'");
        speaker.Until("the cursor back in the talk box", () => speaker.Script("return document.activeElement && document.activeElement.id;") as string == "text");

        foreach (var reader in readers)
        {
            WaitForLine(reader, $"{sender} {text}");
        }
    }

    private static void WaitForLine(ChromiumBrowser browser, string text)
    {
        browser.EnterFrame("chat");
        browser.Until($"the line '{text}' in the chat frame", () => ReadLines(browser).Any(l => l.Text == text));
    }

    private static List<(string Id, string Text)> ReadLines(ChromiumBrowser browser)
    {
        var raw = browser.Script(ReadLinesScript) as IEnumerable<object> ?? [];
        return raw.Select(o => (string)o).Select(s => s.Split('|', 2)).Select(p => (p[0], p[1])).ToList();
    }

    private static string[] ReadNames(ChromiumBrowser browser) =>
        (browser.Script("return Array.from(document.querySelectorAll('body.names ul li b')).map(b => b.textContent);") as IEnumerable<object> ?? [])
        .Select(o => (string)o).ToArray();

    private void SaveScreenshot(ChromiumBrowser browser, string fileName)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "Browser");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        browser.SaveScreenshot(path);
        TestContext.AddResultFile(path);
        TestContext.WriteLine($"Screenshot: {path}");
    }
}
