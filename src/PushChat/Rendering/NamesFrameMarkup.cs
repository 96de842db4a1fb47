using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PushChat.Localization.Keys;

namespace PushChat.Rendering;

/// <summary>
/// The names frame of <see cref="DefaultPageRenderer"/>: who is online with what one may do
/// beside each name, and the rooms one can join. Colours, role marks, the controls beside a
/// name and the room list come through the renderer, so a derived renderer's overrides show here too.
/// The frame is one open document (the renderer's page shell, split where its body goes) to
/// which a new copy of the list is appended whenever who is online changes; the style sheet shows
/// only the last copy.
/// </summary>
internal static class NamesFrameMarkup
{
    // Stands for the body when the page shell is drawn, so that the shell can be split around it.
    private const string BodyMark = "\u0000names\u0000";

    public static string Start(DefaultPageRenderer look, SessionPage page)
    {
        var shell = look.DocumentFor(page.Language, page.Title, "names", BodyMark);
        var body = shell.IndexOf(BodyMark, StringComparison.Ordinal);
        return body < 0 ? shell : shell.Substring(0, body);
    }

    public static string End(DefaultPageRenderer look, SessionPage page)
    {
        var shell = look.DocumentFor(page.Language, page.Title, "names", BodyMark);
        var body = shell.IndexOf(BodyMark, StringComparison.Ordinal);
        return body < 0 ? string.Empty : shell.Substring(body + BodyMark.Length);
    }

    public static string List(DefaultPageRenderer look, NamesPage page)
    {
        var language = page.Session.Language;
        var list = new StringBuilder();
        foreach (var user in page.Users)
        {
            var idle = page.Now - user.LastSeen;
            var idleText = idle >= TimeSpan.FromMinutes(1)
                ? $" <small>{language.Encoded(NamesFrameTexts.Idle, ("minutes", (int)idle.TotalMinutes))}</small>"
                : string.Empty;
            var role = user.Role == ChatRole.User ? string.Empty : $" <small>{language.Encoded(user.Role == ChatRole.Admin ? NamesFrameTexts.Admin : NamesFrameTexts.Guest)}</small>";
            list.Append("<li class=\"").Append(look.RoleClassFor(user.Role)).Append("\"><b class=\"").Append(look.ColorClassFor(user.Color)).Append("\">").Append(Html.Encode(user.Name)).Append("</b>")
                .Append(role).Append(idleText).Append(look.UserActionsFor(page, user.Name)).Append("</li>\n");
        }

        if (page.TotalUsers > page.Users.Count)
        {
            list.Append("<li><small>").Append(language.Encoded(NamesFrameTexts.More, ("count", page.TotalUsers - page.Users.Count))).Append("</small></li>\n");
        }

        return $"""
            <section>
            <h2>{Html.Encode(page.Session.Room)} <small>({page.TotalUsers.ToString("N0", CultureInfo.InvariantCulture)})</small></h2>
            <ul aria-label="{language.Encoded(NamesFrameTexts.Online)}">
            {list}</ul>
            {look.ErrorMessageFor(page.Error)}{look.RoomChooserFor(page.Session, page.Rooms)}
            </section>

            """;
    }

    public static string UserActions(NamesPage? page, string userName)
    {
        if (page is null || string.Equals(userName, page.Session.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        var ignored = false;
        foreach (var name in page.Ignored)
        {
            ignored |= string.Equals(name, userName, StringComparison.OrdinalIgnoreCase);
        }

        var language = page.Session.Language;
        var (value, label, labelFor) = ignored ? ("0", NamesFrameTexts.Unignore, NamesFrameTexts.UnignoreName) : ("1", NamesFrameTexts.Ignore, NamesFrameTexts.IgnoreName);
        var whisper = $"{ChatRoutes.Talk}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(page.Session.SessionId)}&to={Uri.EscapeDataString(userName)}&private=1";
        return $"<a class=\"pm\" href=\"{Html.Encode(whisper)}\" target=\"talk\" aria-label=\"{language.Encoded(NamesFrameTexts.WhisperToName, ("name", userName))}\">{language.Encoded(NamesFrameTexts.Whisper)}</a>"
            + $"<form class=\"ignore\" method=\"post\" action=\"{ChatRoutes.Ignore}\"><input type=\"hidden\" name=\"{ChatRoutes.SessionParameter}\" value=\"{Html.Encode(page.Session.SessionId)}\"><input type=\"hidden\" name=\"name\" value=\"{Html.Encode(userName)}\"><input type=\"hidden\" name=\"ignore\" value=\"{value}\"><button type=\"submit\" aria-label=\"{language.Encoded(labelFor, ("name", userName))}\">{language.Encoded(label)}</button></form>";
    }

    public static string RoomChooser(SessionPage session, IReadOnlyList<ChatRoomInfo> rooms)
    {
        var language = session.Language;
        var sid = $"<input type=\"hidden\" name=\"{ChatRoutes.SessionParameter}\" value=\"{Html.Encode(session.SessionId)}\">";
        var list = new StringBuilder();
        foreach (var room in rooms)
        {
            var name = Html.Encode(room.Name);
            var entry = string.Equals(room.Name, session.Room, StringComparison.OrdinalIgnoreCase)
                ? $"<span class=\"here\" aria-current=\"true\">{name}</span>"
                : $"<button type=\"submit\" name=\"room\" value=\"{name}\">{name}</button>";
            list.Append("<li>").Append(entry).Append(" <small>(").Append(room.Occupants.ToString("N0", CultureInfo.InvariantCulture)).Append(")</small>");
            if (!string.IsNullOrEmpty(room.Topic))
            {
                list.Append(" <small class=\"topic\">").Append(Html.Encode(room.Topic)).Append("</small>");
            }

            list.Append("</li>\n");
        }

        return $"""
            <h2>{language.Encoded(NamesFrameTexts.Rooms)}</h2>
            <form method="post" action="{ChatRoutes.Join}" class="rooms">
            {sid}
            <ul aria-label="{language.Encoded(NamesFrameTexts.Rooms)}">
            {list}</ul>
            </form>
            <form method="post" action="{ChatRoutes.Join}" class="new-room">
            {sid}
            <label>{language.Encoded(NamesFrameTexts.JoinOrOpen)} <input name="room" maxlength="32" required></label>
            <button type="submit">{language.Encoded(NamesFrameTexts.Join)}</button>
            </form>
            """;
    }
}
