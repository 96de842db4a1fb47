using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PushChat.Rendering;

/// <summary>
/// The look that ships in the box: plain HTML and one style sheet. The chat frame keeps its
/// newest line in view with CSS alone (a bottom-anchored scroll box); the only script puts the
/// cursor back in the talk box after each line, and everything works without it.
/// </summary>
/// <remarks>
/// This is the base class for custom renderers: derive from it and override only the pages you
/// want to look different; the rest keep this look. Pages added in later versions arrive here
/// as virtual members with this look, so a derived renderer keeps compiling and serving them.
/// <see cref="Document"/>, <see cref="ErrorMessage"/> and <see cref="ColorClass"/> build the
/// page shell, the error line and the name colours the default pages use; escape user text with
/// <see cref="Html.Encode(string)"/>. Members are called concurrently on the server's threads:
/// overrides must be thread-safe and quick.
/// </remarks>
public class DefaultPageRenderer : IPageRenderer
{
    private const string Sid = ChatRoutes.SessionParameter;

    /// <inheritdoc />
    public virtual string StyleSheet => DefaultStyleSheet.Css;

    /// <inheritdoc />
    public virtual string RenderLogin(LoginPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var hint = page.GuestsAllowed
            ? "<p class=\"hint\">No account? Pick a name and leave the password empty to join as a guest.</p>"
            : string.Empty;
        return Document(page.Title, "login", $"""
            <main class="card">
            <h1>{Html.Encode(page.Title)}</h1>
            {ErrorMessage(page.Error)}
            <form method="post" action="{ChatRoutes.Login}">
            <label for="name">Name</label>
            <input id="name" name="name" maxlength="64" autocomplete="username" required autofocus value="{Html.Encode(page.UserName)}">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password">
            {RoomPicker(page.Rooms)}
            <button type="submit">Enter the chat</button>
            </form>
            {hint}
            </main>
            """);
    }

    /// <inheritdoc />
    public virtual string RenderFrameset(SessionPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var sid = Uri.EscapeDataString(page.SessionId);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{Html.Encode(page.Room)} · {Html.Encode(page.Title)}</title></head>
            <frameset cols="*,220">
            <frameset rows="*,96">
            <frame name="chat" title="Chat messages" src="{ChatRoutes.Chat}?{Sid}={sid}">
            <frame name="talk" title="Say something" src="{ChatRoutes.Talk}?{Sid}={sid}">
            </frameset>
            <frame name="names" title="Who is online" src="{ChatRoutes.Names}?{Sid}={sid}">
            </frameset>
            </html>
            """;
    }

    /// <inheritdoc />
    public virtual string RenderChatStart(SessionPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        return $"""
            <!DOCTYPE html>
            <html lang="en" class="chat">
            <head><meta charset="utf-8"><title>{Html.Encode(page.Room)}</title><link rel="stylesheet" href="{ChatRoutes.StyleSheet}"></head>
            <body class="chat"><div class="log" role="log" aria-label="Messages in {Html.Encode(page.Room)}">

            """;
    }

    /// <inheritdoc />
    public virtual string RenderLine(ChatMessage message)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        var time = message.Time.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        var seq = message.Sequence.ToString(CultureInfo.InvariantCulture);
        if (message.Kind == ChatMessageKind.System)
        {
            return $"<p class=\"line notice\" id=\"m{seq}\"><time>{time}</time> {Html.Encode(message.Text)}</p>\n";
        }

        return $"<p class=\"line\" id=\"m{seq}\"><time>{time}</time> <b class=\"{ColorClass(message.SenderColor)}\">{Html.Encode(message.Sender)}</b> {Html.Encode(message.Text)}</p>\n";
    }

    /// <inheritdoc />
    public virtual string RenderChatEnd() => "</div></body></html>\n";

    /// <inheritdoc />
    public virtual string RenderTalk(TalkPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var sid = Html.Encode(page.Session.SessionId);
        return Document(page.Session.Title, "talk", $"""
            {ErrorMessage(page.Error)}
            <form class="say" method="post" action="{ChatRoutes.Say}">
            <input type="hidden" name="{Sid}" value="{sid}">
            <label for="text" class="who">{Html.Encode(page.Session.UserName)}</label>
            <small class="room">in {Html.Encode(page.Session.Room)}</small>
            <input id="text" name="text" maxlength="{page.MaxMessageLength.ToString(CultureInfo.InvariantCulture)}" autocomplete="off" autofocus required value="{Html.Encode(page.Draft)}">
            <button type="submit">Say</button>
            </form>
            <form class="leave" method="post" action="{ChatRoutes.Leave}" target="_top">
            <input type="hidden" name="{Sid}" value="{sid}">
            <button type="submit">Leave</button>
            </form>
            <script src="{ChatRoutes.TalkScript}" defer></script>
            """);
    }

    /// <inheritdoc />
    public virtual string RenderNames(NamesPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var list = new StringBuilder();
        foreach (var user in page.Users)
        {
            var idle = page.Now - user.LastSeen;
            var idleText = idle >= TimeSpan.FromMinutes(1)
                ? $" <small>idle {((int)idle.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min</small>"
                : string.Empty;
            var role = user.Role == ChatRole.User ? string.Empty : $" <small>{user.Role.ToString().ToLowerInvariant()}</small>";
            list.Append("<li><b class=\"").Append(ColorClass(user.Color)).Append("\">").Append(Html.Encode(user.Name)).Append("</b>")
                .Append(role).Append(idleText).Append("</li>\n");
        }

        if (page.TotalUsers > page.Users.Count)
        {
            list.Append("<li><small>and ").Append((page.TotalUsers - page.Users.Count).ToString("N0", CultureInfo.InvariantCulture)).Append(" more</small></li>\n");
        }

        var seconds = Math.Max(1, (int)page.RefreshInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var refresh = $"<meta http-equiv=\"refresh\" content=\"{seconds}\">";
        return Document(page.Session.Title, "names", $"""
            <h2>{Html.Encode(page.Session.Room)} <small>({page.TotalUsers.ToString("N0", CultureInfo.InvariantCulture)})</small></h2>
            <ul aria-label="Who is online">
            {list}</ul>
            {ErrorMessage(page.Error)}{RoomChooser(page.Session, page.Rooms)}
            """, refresh);
    }

    /// <inheritdoc />
    public virtual string RenderError(ErrorPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var login = page.OfferLogin ? $"<p><a href=\"{ChatRoutes.Home}\" target=\"_top\">Back to the login page</a></p>" : string.Empty;
        return Document(page.Title, "error", $"""
            <main class="card">
            <h1>{page.StatusCode.ToString(CultureInfo.InvariantCulture)}</h1>
            <p class="error" role="alert">{Html.Encode(page.Message)}</p>
            {login}
            </main>
            """);
    }

    /// <summary>The room list of the names frame: a join button per room, and a form to join or open a room by name.</summary>
    /// <param name="session">Whose names frame it is.</param>
    /// <param name="rooms">The rooms, the default room first.</param>
    /// <returns>An HTML fragment posting <c>room</c> to <see cref="ChatRoutes.Join"/>.</returns>
    protected virtual string RoomChooser(SessionPage session, IReadOnlyList<ChatRoomInfo> rooms)
    {
        if (session is null || rooms is null)
        {
            throw new ArgumentNullException(session is null ? nameof(session) : nameof(rooms));
        }

        var sid = $"<input type=\"hidden\" name=\"{Sid}\" value=\"{Html.Encode(session.SessionId)}\">";
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
            <h2>Rooms</h2>
            <form method="post" action="{ChatRoutes.Join}" class="rooms">
            {sid}
            <ul aria-label="Rooms">
            {list}</ul>
            </form>
            <form method="post" action="{ChatRoutes.Join}" class="new-room">
            {sid}
            <label for="new-room">Join or open a room</label>
            <input id="new-room" name="room" maxlength="32" required>
            <button type="submit">Join</button>
            </form>
            """;
    }

    /// <summary>The room choice of the login page: a list posting <c>room</c>, the default room first; nothing when there is only one room.</summary>
    /// <param name="rooms">The rooms, the default room first.</param>
    /// <returns>An HTML fragment, or an empty string.</returns>
    protected virtual string RoomPicker(IReadOnlyList<ChatRoomInfo> rooms)
    {
        if (rooms is null || rooms.Count < 2)
        {
            return string.Empty;
        }

        var options = new StringBuilder();
        foreach (var room in rooms)
        {
            var topic = string.IsNullOrEmpty(room.Topic) ? string.Empty : " – " + Html.Encode(room.Topic);
            options.Append("<option value=\"").Append(Html.Encode(room.Name)).Append("\">").Append(Html.Encode(room.Name))
                .Append(" (").Append(room.Occupants.ToString("N0", CultureInfo.InvariantCulture)).Append(')').Append(topic).Append("</option>\n");
        }

        return $"""
            <label for="room">Room</label>
            <select id="room" name="room">
            {options}</select>
            """;
    }

    /// <summary>The CSS class that shows a user's colour in the default style sheet.</summary>
    /// <param name="color">A colour as <c>#rrggbb</c>, or <see langword="null"/>.</param>
    /// <returns>
    /// The class of the colour when it is in the palette, otherwise <c>c0</c> (the default text
    /// colour), so a colour outside the palette never lowers the contrast.
    /// </returns>
    protected virtual string ColorClass(string? color) =>
        color is not null && DefaultStyleSheet.IsInPalette(color)
            ? "c" + color.Substring(1).ToLowerInvariant()
            : "c0";

    /// <summary>The line that tells the user why the last attempt was refused, as the login and talk pages show it.</summary>
    /// <param name="reason">The reason, as plain text, or <see langword="null"/>.</param>
    /// <returns>An HTML fragment with the reason escaped, or an empty string when there is none.</returns>
    protected virtual string ErrorMessage(string? reason) =>
        reason is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{Html.Encode(reason)}</p>";

    /// <summary>
    /// The shell of every complete page of the default look except the frameset: doctype,
    /// language, character set, viewport, title and the style sheet link, around a body of the given class.
    /// </summary>
    /// <param name="title">The page title, as plain text; it is escaped here.</param>
    /// <param name="bodyClass">The class of the body element, as plain text; the default style sheet styles <c>login</c>, <c>talk</c>, <c>names</c> and <c>error</c>.</param>
    /// <param name="body">The content of the body, as HTML; escape user text in it with <see cref="Html.Encode(string)"/>.</param>
    /// <param name="extraHead">More HTML for the head (for example a refresh), or <see langword="null"/>.</param>
    /// <returns>A complete HTML document.</returns>
    protected virtual string Document(string title, string bodyClass, string body, string? extraHead = null) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Html.Encode(title)}</title><link rel="stylesheet" href="{ChatRoutes.StyleSheet}">{extraHead}</head>
        <body class="{Html.Encode(bodyClass)}">
        {body}
        </body>
        </html>
        """;
}
