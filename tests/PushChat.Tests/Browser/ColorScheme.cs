using System.Globalization;

namespace PushChat.Tests.Browser;

/// <summary>
/// The system's light or dark setting as a page sees it, emulated through the DevTools protocol,
/// and how light a computed CSS colour is, to tell a dark page from a light one.
/// </summary>
internal static class ColorScheme
{
    /// <summary>Makes the browser's current tab (its frames too) match <c>prefers-color-scheme: <paramref name="scheme"/></c>.</summary>
    public static void Prefer(ChromiumBrowser browser, string scheme) =>
        browser.Cdp("Emulation.setEmulatedMedia", new() { ["features"] = new[] { new Dictionary<string, object?> { ["name"] = "prefers-color-scheme", ["value"] = scheme } } });

    /// <summary>The relative luminance (WCAG 2.2, 0 black to 1 white) of a computed colour such as <c>rgb(27, 32, 39)</c>.</summary>
    public static double Luminance(string computed)
    {
        var channels = computed[(computed.IndexOf('(', StringComparison.Ordinal) + 1)..computed.IndexOf(')', StringComparison.Ordinal)]
            .Split(',')
            .Take(3)
            .Select(c => double.Parse(c.Trim(), CultureInfo.InvariantCulture) / 255)
            .Select(c => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4))
            .ToArray();
        return (0.2126 * channels[0]) + (0.7152 * channels[1]) + (0.0722 * channels[2]);
    }
}
