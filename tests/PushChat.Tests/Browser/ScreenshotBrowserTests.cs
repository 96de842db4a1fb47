using System.Buffers.Binary;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// Pictures of both pages as a reader sees them, kept as test artifacts: the login page, the
/// classic frameset and the modern page, with a few lines (a whisper and an action among them),
/// at a phone's 360 px and a desktop's 1440 px, light and dark, under
/// <c>TestResults/Screenshots/{ui}-{width}-{scheme}-{language}.png</c>.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class ScreenshotBrowserTests
{
    private static readonly int[] Widths = [360, 1440];
    private static readonly string[] Schemes = ["light", "dark"];

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The folder of the pictures, beside the other browser tests' artifacts (TestResults/Browser).</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestResults", "Screenshots");

    /// <param name="language">
    /// The language the browsers ask for. Chromium is launched with <c>--lang</c> (and
    /// <c>--accept-lang</c>), so every request carries it as <c>Accept-Language</c>, which picks
    /// the reader's language; another language is one more row, e.g. <c>[DataRow("zh-CN")]</c>.
    /// </param>
    [TestMethod]
    [DataRow("en")]
    [DataRow("zh-CN")]
    public async Task Both_pages_are_pictured_at_360_and_1440_px_light_and_dark(string language)
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        string[] asLanguage = ["--lang=" + language, "--accept-lang=" + language];
        using var classic = ChromiumBrowser.Launch(asLanguage);
        using var modern = ChromiumBrowser.Launch(asLanguage);
        Assert.AreEqual(language, classic.Script("return navigator.languages[0];") as string, "the language the browser asks for");
        var written = new List<string>();

        classic.GoTo(ClassicFrames.Home(chat));
        classic.WaitFor("the login form", () => classic.FindAll("#name").FirstOrDefault());
        Shoot(classic, "login", language, written);

        var chinese = language.StartsWith("zh", StringComparison.Ordinal);
        var words = chinese ? ChatLanguage.SimplifiedChinese : ChatLanguage.English;
        string[] said = chinese
            ? ["早上好！新页面准备好了吗？", "早，ada，准备好了：在 360 px 下试试。", "午饭见？", "深色模式看起来不错"]
            : ["Good morning! Is the new page ready?", "Morning ada, it is: try it at 360 px.", "see you at lunch?", "the dark scheme looks good"];
        ClassicFrames.LogIn(classic, chat, "ada", language: words);
        ModernPage.LogIn(modern, chat, "bob");
        var (cy, cyChat) = await chat.EnterAsync("cy");
        await using (cyChat)
        {
            ClassicFrames.Say(classic, said[0]);
            ModernPage.Say(modern, said[1]);
            Assert.AreEqual(303, (await chat.SayAsync(cy, "/me waves at everyone")).Status);
            Assert.AreEqual(303, (await chat.TalkAsync(cy, said[2], to: "ada", isPrivate: true)).Status);
            Assert.AreEqual(303, (await chat.TalkAsync(cy, said[3], to: "bob", isPrivate: true)).Status);
            ClassicFrames.WaitForLine(classic, $"cy {words.Format(LineTexts.WhisperTo, ("name", "ada"))} {said[2]}");
            ModernPage.WaitForLine(modern, "whisper", said[3]);

            // The names frame renews itself on a timer the test's clock holds still: reloaded, it shows everyone.
            classic.EnterFrame("names");
            classic.Script("location.reload();");
            classic.Until("ada, bob and cy in the names frame", () =>
            {
                classic.EnterFrame("names");
                return new[] { "ada", "bob", "cy" }.All(ClassicFrames.ReadNames(classic).Contains);
            });

            Shoot(classic, "classic", language, written);
            Shoot(modern, "modern", language, written);
        }

        Assert.AreEqual(3 * Widths.Length * Schemes.Length, written.Count);
        foreach (var path in written)
        {
            var width = int.Parse(Path.GetFileNameWithoutExtension(path).Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.IsGreaterThan(5_000, bytes.Length, $"{path} is almost empty");
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8], $"{path} is not a PNG");
            Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4), $"{path} does not start with its header");
            Assert.AreEqual(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), $"the width of {path}");
        }
    }

    /// <summary>Pictures what the browser shows at every width in every scheme.</summary>
    private void Shoot(ChromiumBrowser browser, string ui, string language, List<string> written)
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var width in Widths)
        {
            foreach (var scheme in Schemes)
            {
                ColorScheme.Prefer(browser, scheme);
                browser.Cdp("Emulation.setDeviceMetricsOverride", new()
                {
                    ["width"] = width,
                    ["height"] = width < 600 ? 780 : 900,
                    ["deviceScaleFactor"] = 1,
                    ["mobile"] = false,
                });
                browser.LeaveFrames();
                browser.Until($"the {scheme} scheme at {width} px", () =>
                    browser.Script("return innerWidth === arguments[0] && matchMedia('(prefers-color-scheme: ' + arguments[1] + ')').matches;", width, scheme) is true);

                var path = Path.Combine(Directory, $"{ui}-{width}-{scheme}-{language}.png");
                browser.SaveScreenshot(path);
                TestContext.AddResultFile(path);
                TestContext.WriteLine("Screenshot: " + path);
                written.Add(path);
            }
        }
    }
}
