using OpenQA.Selenium;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>How a person uses the classic frameset in Chromium: log in, type into the talk frame, read the chat and names frames.</summary>
internal static class ClassicFrames
{
    // Every line of the chat frame as "{seq}|text", the text without its time stamp.
    public const string ReadLinesScript = """
        return Array.from(document.querySelectorAll('.log p.line')).map(p => {
          const time = p.querySelector('time');
          return p.dataset.seq + '|' + p.textContent.slice(time ? time.textContent.length : 0).trim();
        });
        """;

    // The state of the talk frame: "empty:{name}" when its box is empty, "refused:{error}", "typed:{text}", or null while it loads.
    public const string TalkFormState = """
        (() => {
          if (document.readyState !== 'complete') return null;
          const error = document.querySelector('p.error');
          if (error) return 'refused:' + error.textContent;
          const box = document.querySelector('form.say #text');
          if (!box) return null;
          return box.value === '' ? 'empty:' + document.querySelector('form.say label.who').textContent : 'typed:' + box.value;
        })()
        """;

    /// <summary>The names frame's newest list, the one it shows (older copies stay in the open document, hidden).</summary>
    public const string NamesNow = "body.names > section:last-of-type";

    public static Uri Home(ChatTestServer chat) => new($"http://{chat.EndPoint}{ChatRoutes.Home}");

    /// <summary>
    /// Logs in through the login page (as a guest without a password) and waits until the frameset
    /// shows the user's join, worded in <paramref name="language"/> (the browser's; English when not given).
    /// </summary>
    public static void LogIn(ChromiumBrowser browser, ChatTestServer chat, string name, string password = "", ChatLanguage? language = null) =>
        LogIn(browser, Home(chat), name, password, language);

    /// <summary>Logs in as <see cref="LogIn(ChromiumBrowser, ChatTestServer, string, string, ChatLanguage?)"/> does, on the chat whose home page is <paramref name="home"/> (a load balancer's).</summary>
    public static void LogIn(ChromiumBrowser browser, Uri home, string name, string password = "", ChatLanguage? language = null)
    {
        browser.GoTo(home);
        var box = browser.WaitFor("the login form", () => browser.FindAll("#name").FirstOrDefault());
        box.SendKeys(name);
        if (password.Length > 0)
        {
            browser.Find("#password").SendKeys(password);
        }

        browser.Find("form button[type=submit]").Click();
        browser.Until("the frameset", () => browser.TopUrl.AbsolutePath == ChatRoutes.Room && browser.FindAll("frame[name=talk]").Count == 1);
        WaitForLine(browser, (language ?? ChatLanguage.English).Format(NoticeTexts.Joined, ("name", name)));
    }

    /// <summary>
    /// Types a line into the talk frame and sends it, waits until the talk frame shows a new, empty
    /// form (the post was taken), then until every reader's chat frame shows the line.
    /// </summary>
    public static void Say(ChromiumBrowser speaker, string text, params ChromiumBrowser[] readers)
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

    public static void WaitForLine(ChromiumBrowser browser, string text)
    {
        browser.EnterFrame("chat");
        browser.Until($"the line '{text}' in the chat frame", () => ReadLines(browser).Any(l => l.Text == text));
    }

    public static List<(string Id, string Text)> ReadLines(ChromiumBrowser browser)
    {
        var raw = browser.Script(ReadLinesScript) as IEnumerable<object> ?? [];
        return raw.Select(o => (string)o).Select(s => s.Split('|', 2)).Select(p => (p[0], p[1])).ToList();
    }

    /// <summary>The names the names frame shows: those of the lists on display, which must be its newest only.</summary>
    public static string[] ReadNames(ChromiumBrowser browser) =>
        (browser.Script("""
            return Array.from(document.querySelectorAll('body.names > section'))
              .filter(s => getComputedStyle(s).display !== 'none')
              .flatMap(s => Array.from(s.querySelectorAll('ul li b')).map(b => b.textContent));
            """) as IEnumerable<object> ?? [])
        .Select(o => (string)o).ToArray();

    /// <summary>
    /// Lets the open names frames have the lists that the changes so far bring: the server's clock
    /// stands still in these tests, and a room gets a new list once it moved on by the coalescing delay.
    /// </summary>
    public static void SendNewNames(ChatTestServer chat) => chat.Time.Advance(PushChat.Internal.Chat.Services.NamesFrames.CoalescingDelay);

    /// <summary>Saves what the browser shows under the test results, attached to the test.</summary>
    public static void SaveScreenshot(TestContext context, ChromiumBrowser browser, string fileName)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "Browser");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        browser.SaveScreenshot(path);
        context.AddResultFile(path);
        context.WriteLine($"Screenshot: {path}");
    }
}
