using OpenQA.Selenium;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>How a person uses the modern page in Chromium: log in choosing it, type into its message box, read its lines and online list.</summary>
internal static class ModernPage
{
    // Every line of the page as "{kind}|{who}|{body}".
    private const string ReadLinesScript = """
        return Array.from(document.querySelectorAll('#lines li.line')).map(li =>
          li.dataset.kind + '|' + ((li.querySelector('.who') || {}).textContent || '') + '|' + ((li.querySelector('.body') || {}).textContent || li.textContent));
        """;

    /// <summary>Logs in through the login page choosing the modern page (as a guest without a password), and waits until it is online.</summary>
    public static void LogIn(ChromiumBrowser browser, ChatTestServer chat, string name, string password = "") =>
        LogIn(browser, ClassicFrames.Home(chat), name, password);

    /// <summary>Logs in choosing the modern page on the chat whose home page is <paramref name="home"/> (a load balancer's).</summary>
    public static void LogIn(ChromiumBrowser browser, Uri home, string name, string password = "")
    {
        browser.GoTo(home);
        var box = browser.WaitFor("the login form", () => browser.FindAll("#name").FirstOrDefault());
        box.SendKeys(name);
        if (password.Length > 0)
        {
            browser.Find("#password").SendKeys(password);
        }

        browser.Find("input[name=ui][value=modern]").Click();
        browser.Find("form button[type=submit]").Click();
        WaitOnline(browser);
    }

    public static void WaitOnline(ChromiumBrowser browser) =>
        browser.Until("the modern page online", () => browser.TopUrl.AbsolutePath == ChatRoutes.App && Status(browser) == "online");

    public static string? Status(ChromiumBrowser browser) =>
        browser.Script("const s = document.getElementById('status'); return s && s.dataset.state;") as string;

    /// <summary>Types a line and Enter into the message box, and waits until the server took it (the box empties).</summary>
    public static void Say(ChromiumBrowser browser, string text)
    {
        var box = browser.Find("#text");
        box.SendKeys(text + Keys.Enter);
        browser.Until($"the box emptied or a refusal after '{text}'", () => (string?)box.GetDomProperty("value") == string.Empty || Refusal(browser).Length > 0);
        Assert.AreEqual(string.Empty, Refusal(browser), $"the refusal of '{text}'");
    }

    public static string Refusal(ChromiumBrowser browser) => browser.Find("#notice").Text;

    public static List<(string Kind, string Who, string Body)> ReadLines(ChromiumBrowser browser) =>
        (browser.Script(ReadLinesScript) as IEnumerable<object> ?? [])
        .Select(o => ((string)o).Split('|', 3))
        .Select(p => (p[0], p[1], p[2]))
        .ToList();

    public static void WaitForLine(ChromiumBrowser browser, string kind, string body) =>
        browser.Until($"the {kind} line '{body}' on the modern page", () => ReadLines(browser).Any(l => l.Kind == kind && l.Body == body));

    /// <summary>The line of the page whose body is <paramref name="body"/>, once it shows.</summary>
    public static IWebElement Line(ChromiumBrowser browser, string body) =>
        browser.WaitFor($"the line '{body}' on the modern page", () => browser.FindAll("#lines li.line").FirstOrDefault(li => li.FindElements(By.CssSelector(".body")).FirstOrDefault()?.Text == body));

    /// <summary>Waits until the page's last action was answered: no action waits for the server's answer.</summary>
    public static void WaitAnswered(ChromiumBrowser browser) =>
        browser.Until("the server's answer to the last action", () => browser.Script("return document.body.dataset.waiting;") as string == "0");

    public static string[] OnlineNames(ChromiumBrowser browser) =>
        (browser.Script("return Array.from(document.querySelectorAll('#people li .name')).map(n => n.textContent);") as IEnumerable<object> ?? [])
        .Select(o => (string)o).ToArray();

    /// <summary>Saves what the page shows at 360 and 1440 px wide, in the light and the dark scheme.</summary>
    public static void SaveScreenshots(TestContext context, ChromiumBrowser browser, string name)
    {
        foreach (var scheme in new[] { "light", "dark" })
        {
            browser.Cdp("Emulation.setEmulatedMedia", new() { ["features"] = new[] { new Dictionary<string, object?> { ["name"] = "prefers-color-scheme", ["value"] = scheme } } });
            foreach (var width in new[] { 360, 1440 })
            {
                browser.Driver.Manage().Window.Size = new System.Drawing.Size(width, 800);
                ClassicFrames.SaveScreenshot(context, browser, $"{name}-{width}-{scheme}.png");
            }
        }
    }
}
