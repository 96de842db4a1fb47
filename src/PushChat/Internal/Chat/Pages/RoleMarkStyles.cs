using System.Globalization;
using System.Text;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// The words of the role marks the style sheet writes beside names ("guest", "admin", and the
/// check mark's spoken "member"), per language: one rule per language the chat speaks, by the
/// page's <c>lang</c>, setting the custom properties the default style sheet reads. Added to
/// the renderer's style sheet when it is served, so a custom one can use them too.
/// </summary>
internal static class RoleMarkStyles
{
    public static string For(ChatLanguages languages)
    {
        var css = new StringBuilder("\n/* Role marks in each language of the chat. */\n");
        foreach (var language in languages.All)
        {
            css.Append(":root:lang(").Append(CssIdentifier(language.Tag)).Append(") { ")
                .Append("--mark-guest: ").Append(CssString(language.Format(NamesFrameTexts.MarkGuest))).Append("; ")
                .Append("--mark-admin: ").Append(CssString(language.Format(NamesFrameTexts.MarkAdmin))).Append("; ")
                .Append("--mark-member: ").Append(CssString(language.Format(NamesFrameTexts.MarkMember))).Append("; }\n");
        }

        return css.ToString();
    }

    /// <summary>A language tag as a CSS identifier: letters, digits and dashes stay, anything else is escaped.</summary>
    private static string CssIdentifier(string tag)
    {
        var identifier = new StringBuilder();
        foreach (var c in tag)
        {
            identifier.Append(char.IsLetterOrDigit(c) && c < 0x80 || c == '-' ? c.ToString() : "\\" + ((int)c).ToString("X6", CultureInfo.InvariantCulture));
        }

        return identifier.ToString();
    }

    /// <summary>A double-quoted CSS string: quotes, backslashes, angle brackets and control characters escaped.</summary>
    private static string CssString(string text)
    {
        var css = new StringBuilder("\"");
        foreach (var c in text)
        {
            css.Append(c is '"' or '\\' or '<' or '>' || c < 0x20 ? "\\" + ((int)c).ToString("X6", CultureInfo.InvariantCulture) : c.ToString());
        }

        return css.Append('"').ToString();
    }
}
