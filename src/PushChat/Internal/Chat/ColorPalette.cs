using System;
using System.Linq;
using PushChat.Rendering;

namespace PushChat.Internal.Chat;

/// <summary>User colours: a palette colour by name, any <c>#rrggbb</c>, or by default one of the palette picked by the name.</summary>
internal static class ColorPalette
{
    public static bool IsValid(string color)
    {
        if (color.Length != 7 || color[0] != '#')
        {
            return false;
        }

        for (var i = 1; i < 7; i++)
        {
            if (!Uri.IsHexDigit(color[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The colour a user asked for, by palette name or as <c>#rrggbb</c>, in lower case; null when it is neither.</summary>
    public static string? Parse(string requested)
    {
        var value = requested.Trim();
        var named = DefaultStyleSheet.Colors.FirstOrDefault(c => string.Equals(c.Label, value, StringComparison.OrdinalIgnoreCase));
        return named?.Value ?? (IsValid(value) ? value.ToLowerInvariant() : null);
    }

    /// <summary>A stable palette colour for a name (FNV-1a of its lower-case form).</summary>
    public static string ForName(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name.ToLowerInvariant())
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return DefaultStyleSheet.Palette[(int)(hash % (uint)DefaultStyleSheet.Palette.Count)];
    }
}
