using System.Text;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Rendering;

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
            css.Append(":root:lang(").Append(Css.Escape(language.Tag)).Append(") { ")
                .Append("--mark-guest: ").Append(Quoted(language.Format(NamesFrameTexts.MarkGuest))).Append("; ")
                .Append("--mark-admin: ").Append(Quoted(language.Format(NamesFrameTexts.MarkAdmin))).Append("; ")
                .Append("--mark-member: ").Append(Quoted(language.Format(NamesFrameTexts.MarkMember))).Append("; }\n");
        }

        return css.ToString();
    }

    private static string Quoted(string text) => "\"" + Css.Escape(text) + "\"";
}
