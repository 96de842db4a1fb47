using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Localization;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// Which colours a user may take, a rule of the chat and not of a look: a palette colour by
/// name, any <c>#rrggbb</c>, or by default the palette colour the name picks. The talk frame's
/// picker, the <c>/color</c> command and the default style sheet all read the palette here.
/// </summary>
internal static class ColorPalette
{
    /// <summary>The palette by name; each colour reads on a light background (contrast ≥ 4.5:1, WCAG AA), whatever the look.</summary>
    private static readonly (string Name, string Value)[] Named =
    {
        ("blue", "#1f5fa8"), ("red", "#a8321f"), ("green", "#2d7a2d"), ("purple", "#7a2d7a"),
        ("brown", "#8a5a00"), ("teal", "#00707a"), ("pink", "#b0245e"), ("indigo", "#4a4a9c"),
        ("navy", "#1c3f7a"), ("maroon", "#7a1c2e"), ("olive", "#5c6300"), ("orange", "#b34700"),
        ("violet", "#7035b8"), ("slate", "#4a5a6a"), ("forest", "#1e5e3c"), ("magenta", "#a3238f"),
    };

    /// <summary>The palette's colours as <c>#rrggbb</c>, in lower case.</summary>
    public static readonly IReadOnlyList<string> Colors = Named.Select(c => c.Value).ToArray();

    /// <summary>The palette's names, which <c>/color</c> takes and the texts <c>color.NAME</c> word.</summary>
    public static readonly IReadOnlyList<string> ColorNames = Named.Select(c => c.Name).ToArray();

    /// <summary>The talk frame's colour picker: the colour, and its name as the user sees it in <paramref name="language"/>.</summary>
    public static IReadOnlyList<TalkChoice> Choices(ChatLanguage language) =>
        Named.Select(c => new TalkChoice(c.Value, language.Format(NameKey(c.Name)))).ToArray();

    /// <summary>Whether a <c>#rrggbb</c> colour is <paramref name="choice"/>'s.</summary>
    public static bool Is(TalkChoice choice, string color) => string.Equals(choice.Value, color, StringComparison.OrdinalIgnoreCase);

    internal static string NameKey(string name) => "color." + name;

    /// <summary>The palette's names, as the refusals and the help of <c>/color</c> list them.</summary>
    public static readonly string Names = string.Join(", ", Named.Select(c => c.Name));

    private static readonly HashSet<string> ColorSet = new(Colors, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a <c>#rrggbb</c> colour is one of the palette's, in any case.</summary>
    public static bool Contains(string color) => ColorSet.Contains(color);

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
        foreach (var (name, color) in Named)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return color;
            }
        }

        return IsValid(value) ? value.ToLowerInvariant() : null;
    }

    /// <summary>A stable palette colour for a name (FNV-1a of its lower-case form).</summary>
    public static string ForName(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name.ToLowerInvariant())
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return Colors[(int)(hash % (uint)Colors.Count)];
    }
}
