using System.Globalization;
using System.Text.RegularExpressions;
using PushChat.Internal.Chat.State;
using PushChat.Rendering;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class DarkSchemeColorsTests
{
    [TestMethod]
    public void Every_palette_colour_has_a_dark_scheme_class_readable_on_every_dark_background()
    {
        var dark = DarkBlock(DefaultStyleSheet.Css);
        foreach (var color in ColorPalette.Colors)
        {
            var match = Regex.Match(dark, $@"\.c{color[1..]} \{{ color: (#[0-9a-f]{{6}}); \}}");
            Assert.IsTrue(match.Success, $"no dark-scheme class for {color}");
            foreach (var background in DarkSchemeColors.Backgrounds)
            {
                StringAssert.Contains(dark, background, "a background the dark colours are measured against is not the style sheet's");
                Assert.IsGreaterThanOrEqualTo(4.5, Contrast(match.Groups[1].Value, background), $"{color} shown as {match.Groups[1].Value} on {background}");
            }
        }
    }

    [TestMethod]
    public void A_colour_that_reads_on_the_dark_backgrounds_stays_as_it_is_and_a_dark_one_is_lightened()
    {
        Assert.AreEqual("#e8eaed", DarkSchemeColors.For("#e8eaed"));
        var lightened = DarkSchemeColors.For("#1c3f7a");
        Assert.AreNotEqual("#1c3f7a", lightened);
        Assert.AreNotEqual("#ffffff", lightened, "lightened only as far as needed, not to white");
    }

    // Every dark-scheme block of the sheet, one after the other.
    private static string DarkBlock(string css) =>
        string.Concat(Regex.Matches(css, @"@media \(prefers-color-scheme: dark\) \{(?:[^{}]|\{[^{}]*\})*\}").Select(m => m.Value));

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        var c = Enumerable.Range(0, 3)
            .Select(i => int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0)
            .Select(v => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4))
            .ToArray();
        return (0.2126 * c[0]) + (0.7152 * c[1]) + (0.0722 * c[2]);
    }
}
