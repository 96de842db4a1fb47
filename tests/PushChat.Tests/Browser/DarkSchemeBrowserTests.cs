using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// The classic pages follow the system's light or dark setting: under a dark preference every
/// frame's background is dark and its text light, under a light one the other way round; and the
/// chat frame's whispers, actions and coloured names keep their contrast in either.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class DarkSchemeBrowserTests
{
    private const string BodyColors = "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color];";

    [TestMethod]
    [DataRow("light")]
    [DataRow("dark")]
    public async Task Every_classic_frame_and_the_login_page_follow_the_color_scheme(string scheme)
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var browser = ChromiumBrowser.Launch();
        ColorScheme.Prefer(browser, scheme);
        var seen = new List<string>();

        browser.GoTo(ClassicFrames.Home(chat));
        browser.WaitFor("the login form", () => browser.FindAll("#name").FirstOrDefault());
        WaitForStyleSheet(browser, "the login page");
        seen.Add(Describe(browser, "the login page", scheme));

        ClassicFrames.LogIn(browser, chat, "ada");
        var (cy, cyChat) = await chat.EnterAsync("cy");
        await using var cyStream = cyChat;
        Assert.AreEqual(303, (await chat.SayAsync(cy, "/me waves")).Status);
        Assert.AreEqual(303, (await chat.TalkAsync(cy, "a secret", to: "ada", isPrivate: true)).Status);
        ClassicFrames.WaitForLine(browser, "cy to ada, privately: a secret");
        seen.AddRange(AxeCheck.Violations(browser).Select(v => "wrong: the chat frame with an action and a whisper: " + v));
        foreach (var frame in new[] { "chat", "talk", "names" })
        {
            browser.EnterFrame(frame);
            WaitForStyleSheet(browser, $"the {frame} frame");
            seen.Add(Describe(browser, $"the {frame} frame", scheme));
        }

        var wrong = seen.Where(s => s.StartsWith("wrong", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(0, wrong.Count, string.Join("\n", seen));
    }

    private static void WaitForStyleSheet(ChromiumBrowser browser, string page) =>
        browser.Until($"the style sheet of {page}", () => browser.FindAll("link[rel=stylesheet]").Count > 0
            && browser.Script("return [...document.styleSheets].every(s => s.cssRules.length > 0);") is true);

    private static string Describe(ChromiumBrowser browser, string page, string scheme)
    {
        var colors = (browser.Script(BodyColors) as IEnumerable<object> ?? []).Select(o => (string)o).ToArray();
        var background = ColorScheme.Luminance(colors[0]);
        var text = ColorScheme.Luminance(colors[1]);
        var right = scheme == "dark" ? background < 0.05 && text > 0.6 : background > 0.8 && text < 0.05;
        return $"{(right ? "right" : "wrong")}: {page} in the {scheme} scheme has background {colors[0]} and text {colors[1]}";
    }
}
