using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>Rooms in the classic frames, as a person uses them in a real Chromium with its frames and forms.</summary>
[TestClass]
[TestCategory("Browser")]
public sealed class RoomBrowserTests
{
    private const string ReadLinesScript = """
        return Array.from(document.querySelectorAll('.log p.line')).map(p => {
          const time = p.querySelector('time');
          return p.id + '|' + p.textContent.slice(time ? time.textContent.length : 0).trim();
        });
        """;

    [ClassCleanup]
    public static void KillAbandonedBrowsers() => ChromiumBrowser.KillAbandoned();

    [TestMethod]
    public async Task Users_open_and_join_a_room_from_the_names_frame_and_the_chat_frame_follows()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync(options => options.NamesRefreshInterval = TimeSpan.FromSeconds(1));
        using var alice = ChromiumBrowser.Launch();
        using var bob = ChromiumBrowser.Launch();
        LogIn(alice, chat, "alice");
        LogIn(bob, chat, "bob");

        alice.EnterFrame("names");

        // The names frame reloads itself every second here: a reload between typing and sending is tried again.
        alice.Until("the room form sent", () =>
        {
            alice.Find("form.new-room #new-room").SendKeys("Garden");
            alice.Find("form.new-room button[type=submit]").Click();
            return true;
        });
        alice.Until("the names frame of the garden", () => alice.FindAll("h2").FirstOrDefault()?.Text.StartsWith("Garden", StringComparison.Ordinal) == true);
        WaitForLine(bob, "alice went to Garden.");

        bob.EnterFrame("names");
        bob.Until("a join button for the garden pressed", () =>
        {
            bob.Find("button[name=room][value=Garden]").Click();
            return true;
        });
        WaitForLine(alice, "bob joined.");

        var lines = ReadLines(alice);
        var moved = lines.FindLastIndex(l => l.Text == "alice went to Garden.");
        CollectionAssert.AreEqual(
            new[] { "m1|alice joined.", "m2|bob joined." },
            lines.Skip(moved + 1).Select(l => l.Id + "|" + l.Text).ToArray(),
            "the same chat frame goes on with the garden's own lines");
        var bobLines = ReadLines(bob).Select(l => l.Id + "|" + l.Text).ToList();
        var bobMoved = bobLines.FindLastIndex(l => l.EndsWith("|bob went to Garden.", StringComparison.Ordinal));
        Assert.IsGreaterThan(bobLines.FindIndex(l => l.EndsWith("|alice went to Garden.", StringComparison.Ordinal)), bobMoved, "bob's frame still holds the lobby's lines: it was not reloaded");
        CollectionAssert.AreEqual(new[] { "m1|alice joined.", "m2|bob joined." }, bobLines.Skip(bobMoved + 1).ToArray(), "the garden's history, then bob's arrival");
        bob.EnterFrame("names");
        bob.Until("bob's names frame in the garden", () => bob.FindAll("h2").FirstOrDefault()?.Text.StartsWith("Garden", StringComparison.Ordinal) == true);
    }

    private static void LogIn(ChromiumBrowser browser, ChatTestServer chat, string name)
    {
        browser.GoTo(new Uri($"http://{chat.EndPoint}{ChatRoutes.Home}"));
        browser.WaitFor("the login form", () => browser.FindAll("#name").FirstOrDefault()).SendKeys(name);
        browser.Find("form button[type=submit]").Click();
        browser.Until("the frameset", () => browser.TopUrl.AbsolutePath == ChatRoutes.Room && browser.FindAll("frame[name=talk]").Count == 1);
        WaitForLine(browser, $"{name} joined.");
    }

    private static void WaitForLine(ChromiumBrowser browser, string text)
    {
        browser.EnterFrame("chat");
        browser.Until($"the line '{text}' in the chat frame", () => ReadLines(browser).Any(l => l.Text == text));
    }

    private static List<(string Id, string Text)> ReadLines(ChromiumBrowser browser)
    {
        browser.EnterFrame("chat");
        var raw = browser.Script(ReadLinesScript) as IEnumerable<object> ?? [];
        return raw.Select(o => (string)o).Select(s => s.Split('|', 2)).Select(p => (p[0], p[1])).ToList();
    }
}
