using System;
using System.Globalization;
using System.Text;
using PushChat.Localization.Keys;

namespace PushChat.Rendering;

/// <summary>
/// The talk frame of <see cref="DefaultPageRenderer"/>: the line box with its pickers, the
/// colour and leave forms, and the links to the pages a user's role opens. The links come
/// through the renderer, so a derived renderer's overrides show here too.
/// </summary>
internal static class TalkFrameMarkup
{
    public static string Talk(DefaultPageRenderer look, TalkPage page)
    {
        var words = page.Language;
        var sid = Html.Encode(page.Session.SessionId);
        var recipients = new StringBuilder($"<option value=\"\">{words.Encoded(ChatPageTexts.Everyone)}</option>");
        var targetListed = page.Target is null;
        foreach (var name in page.Recipients)
        {
            var picked = string.Equals(name, page.Target, StringComparison.OrdinalIgnoreCase);
            targetListed |= picked;
            recipients.Append(ShellMarkup.Option(name, name, picked));
        }

        if (!targetListed)
        {
            // Picked in the names frame, or in another room: whispers reach anyone online.
            recipients.Append(ShellMarkup.Option(page.Target!, page.Target!, selected: true));
        }

        var actions = new StringBuilder($"<option value=\"\">{words.Encoded(ChatPageTexts.NoAction)}</option>");
        foreach (var action in page.Actions)
        {
            actions.Append(ShellMarkup.Option(action.Value, action.Label, selected: false));
        }

        var colors = new StringBuilder();
        foreach (var color in page.Colors)
        {
            colors.Append(ShellMarkup.Option(color.Value, color.Label, string.Equals(color.Value, page.Color, StringComparison.OrdinalIgnoreCase)));
        }

        var isPrivate = page.IsPrivate ? " checked" : string.Empty;
        return look.DocumentFor(words, page.Session.Title, "talk", $"""
            {look.ErrorMessageFor(page.Error)}
            <form class="say" method="post" action="{ChatRoutes.Say}">
            <input type="hidden" name="{ChatRoutes.SessionParameter}" value="{sid}">
            <label for="text" class="who">{Html.Encode(page.Session.UserName)}</label>
            <small class="room">{words.Encoded(ChatPageTexts.InRoom, ("room", page.Session.Room))}</small>
            <input id="text" name="text" maxlength="{page.MaxMessageLength.ToString(CultureInfo.InvariantCulture)}" autocomplete="off" autofocus value="{Html.Encode(page.Draft)}" aria-describedby="hint">
            <button type="submit">{words.Encoded(ChatPageTexts.Say)}</button>
            <span class="break"></span>
            <span class="pickers">
            <label for="to">{words.Encoded(ChatPageTexts.To)}</label> <select id="to" name="to">{recipients}</select>
            <label class="check"><input type="checkbox" name="private" value="1"{isPrivate}> {words.Encoded(ChatPageTexts.Private)}</label>
            <label for="action">{words.Encoded(ChatPageTexts.Action)}</label> <select id="action" name="action">{actions}</select>
            </span>
            </form>
            <form class="color" method="post" action="{ChatRoutes.Say}">
            <input type="hidden" name="{ChatRoutes.SessionParameter}" value="{sid}">
            <label for="color">{words.Encoded(ChatPageTexts.Colour)}</label> <select id="color" name="color">{colors}</select>
            <button type="submit">{words.Encoded(ChatPageTexts.SetColour)}</button>
            </form>
            <form class="leave" method="post" action="{ChatRoutes.Leave}" target="_top">
            <input type="hidden" name="{ChatRoutes.SessionParameter}" value="{sid}">
            <button type="submit">{words.Encoded(ChatPageTexts.Leave)}</button>
            </form>
            <p id="hint" class="hint">{words.Encoded(ChatPageTexts.CommandHint)}</p>
            {look.ModerationLinkFor(page)}
            {look.PasswordLinkFor(page)}
            {look.UserModerationLinkFor(page)}
            <script src="{ChatRoutes.TalkScript}" defer></script>
            """);
    }

    public static string ModerationLink(TalkPage page) =>
        page.CanDeleteLines
            ? $"<a class=\"moderate\" href=\"{ChatRoutes.Lines}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(page.Session.SessionId)}\" target=\"_blank\">{page.Language.Encoded(ChatPageTexts.DeleteLinesLink)}</a>"
            : string.Empty;

    public static string PasswordLink(TalkPage page) =>
        page.CanChangePassword
            ? $"<a class=\"account\" href=\"{ChatRoutes.Password}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(page.Session.SessionId)}\" target=\"_blank\">{page.Language.Encoded(ChatPageTexts.ChangePasswordLink)}</a>"
            : string.Empty;

    public static string UserModerationLink(TalkPage page) =>
        page.CanModerate
            ? $"<a class=\"moderate\" href=\"{ChatRoutes.Moderate}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(page.Session.SessionId)}\" target=\"_blank\">{page.Language.Encoded(ChatPageTexts.ModerateUsersLink)}</a>"
            : string.Empty;
}
