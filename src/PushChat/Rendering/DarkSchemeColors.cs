using System;
using System.Globalization;

namespace PushChat.Rendering;

/// <summary>
/// The user colours as the dark scheme of <see cref="DefaultStyleSheet"/> shows them: the palette
/// is chosen to read on a light background, so on a dark one each colour is mixed with white, just
/// enough to keep WCAG AA contrast (4.5:1) against every dark background a name appears on.
/// </summary>
internal static class DarkSchemeColors
{
    /// <summary>The contrast every name keeps, with a little room over WCAG AA's 4.5:1 for rounding.</summary>
    public const double MinContrast = 4.6;

    /// <summary>The dark scheme's backgrounds behind a name: the page, the chat frame, a whisper.</summary>
    public static readonly string[] Backgrounds = { "#111418", "#1b2027", "#1e2a3a" };

    /// <summary>The lightened <c>#rrggbb</c> of a <c>#rrggbb</c> colour, the colour itself when it reads already.</summary>
    public static string For(string color)
    {
        var (r, g, b) = Parse(color);
        const int Steps = 64;
        for (var step = 0; step < Steps; step++)
        {
            var mix = (double)step / Steps;
            var candidate = (r + ((255 - r) * mix), g + ((255 - g) * mix), b + ((255 - b) * mix));
            var hex = Format(candidate);
            if (WorstContrast(hex) >= MinContrast)
            {
                return hex;
            }
        }

        return "#ffffff";
    }

    /// <summary>The lowest contrast ratio of a colour against the dark backgrounds.</summary>
    public static double WorstContrast(string color)
    {
        var worst = double.MaxValue;
        foreach (var background in Backgrounds)
        {
            worst = Math.Min(worst, Contrast(color, background));
        }

        return worst;
    }

    /// <summary>The WCAG 2.2 contrast ratio of two <c>#rrggbb</c> colours.</summary>
    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string color)
    {
        var (r, g, b) = Parse(color);
        return (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));
    }

    private static double Linear(double channel)
    {
        var c = channel / 255;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static (double R, double G, double B) Parse(string color) => (
        Convert.ToInt32(color.Substring(1, 2), 16),
        Convert.ToInt32(color.Substring(3, 2), 16),
        Convert.ToInt32(color.Substring(5, 2), 16));

    private static string Format((double R, double G, double B) color) =>
        "#" + Channel(color.R) + Channel(color.G) + Channel(color.B);

    private static string Channel(double value) =>
        ((int)Math.Round(value, MidpointRounding.AwayFromZero)).ToString("x2", CultureInfo.InvariantCulture);
}
