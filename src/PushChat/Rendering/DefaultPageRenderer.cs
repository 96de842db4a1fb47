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
/// <see cref="Document"/>, <see cref="ErrorMessage"/>, <see cref="ColorClass"/>, <see cref="RoleClass"/>,
/// <see cref="ModerationLink"/> and <see cref="PasswordLink"/> build the page shell, the error
/// line, the name colours, the role marks and the talk frame's links to the moderation and
/// password pages that the default pages use; escape user text with
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
        var typed = string.IsNullOrEmpty(page.UserName) ? string.Empty : "?name=" + Uri.EscapeDataString(page.UserName);
        var register = page.RegistrationOpen
            ? $"<p class=\"hint\"><a href=\"{Html.Encode(ChatRoutes.Register + typed)}\">Create an account</a> to keep your name.</p>"
            : string.Empty;
        return Document(page.Title, "login", $"""
            <main class="card">
            <h1>{Html.Encode(page.Title)}</h1>
            {ErrorMessage(page.Error)}
            <form method="post" action="{ChatRoutes.Login}">
            <label for="name">Name</label>
            <input id="name" name="name" maxlength="{page.MaxUserNameLength.ToString(CultureInfo.InvariantCulture)}" autocomplete="username" required autofocus value="{Html.Encode(page.UserName)}">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password">
            {RoomPicker(page.Rooms)}
            <button type="submit">Enter the chat</button>
            </form>
            {hint}{register}
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
            <frameset rows="*,124">
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

        // Room and number, not an id: numbers repeat across rooms, and a frame follows its session from room to room.
        // A notice for one user only is not numbered.
        var id = message.Sequence == 0 ? string.Empty : $" data-room=\"{Html.Encode(message.Room)}\" data-seq=\"{message.Sequence.ToString(CultureInfo.InvariantCulture)}\"";
        var sender = message.Sender is null ? string.Empty : $"<b class=\"{ColorClass(message.SenderColor)}\">{Html.Encode(message.Sender)}</b>";

        // The speaker's role as a class of the line: a few bytes, and the style sheet shows it beside the name.
        var role = message.Sender is not null && message.SenderRole is { } senderRole ? " " + RoleClass(senderRole) : string.Empty;
        var text = Html.Encode(message.Text);
        var target = Html.Encode(message.Target);
        return message.Kind switch
        {
            ChatMessageKind.System => $"<p class=\"line notice\"{id}><time>{time}</time> {text}</p>\n",
            ChatMessageKind.Whisper when message.Sender is null => $"<p class=\"line whisper notice\"{id}><time>{time}</time> {text}</p>\n",
            ChatMessageKind.Whisper => $"<p class=\"line whisper{role}\"{id}><time>{time}</time> {sender} <span class=\"to\">to {target}, privately:</span> {text}</p>\n",
            ChatMessageKind.Action => $"<p class=\"line action{role}\"{id}><time>{time}</time> * {sender} {text}</p>\n",
            _ when message.Target is not null => $"<p class=\"line{role}\"{id}><time>{time}</time> {sender} <span class=\"to\">to {target}:</span> {text}</p>\n",
            _ => $"<p class=\"line{role}\"{id}><time>{time}</time> {sender} {text}</p>\n",
        };
    }

    /// <inheritdoc />
    public virtual string RenderLineDeleted(ChatMessage message)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        return HiddenLineLink(message);
    }

    /// <inheritdoc />
    public virtual string RenderHiddenLineStyle(string room, long sequence)
    {
        if (room is null)
        {
            throw new ArgumentNullException(nameof(room));
        }

        return $".line[data-room=\"{CssString(room)}\"][data-seq=\"{sequence.ToString(CultureInfo.InvariantCulture)}\"] {{ display: none; }}\n";
    }

    /// <inheritdoc />
    public virtual string RenderLines(LinesPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var sid = Html.Encode(page.Session.SessionId);
        var room = Html.Encode(page.Session.Room);
        var list = new StringBuilder();
        foreach (var line in page.Lines)
        {
            var time = line.Time.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
            var sender = line.Sender is null ? string.Empty : $"<b class=\"{ColorClass(line.SenderColor)}\">{Html.Encode(line.Sender)}</b> ";
            var seq = line.Sequence.ToString(CultureInfo.InvariantCulture);
            var item = $"""
                <li><time>{time}</time> {sender}<span id="line{seq}">{Html.Encode(line.Text)}</span>
                <form method="post" action="{ChatRoutes.Delete}"><input type="hidden" name="{Sid}" value="{sid}"><input type="hidden" name="room" value="{Html.Encode(line.Room)}"><input type="hidden" name="seq" value="{seq}"><button type="submit" aria-describedby="line{seq}">Delete</button></form></li>

                """;
            list.Append(item);
        }

        var lines = page.Lines.Count == 0 ? "<p>No lines are kept in this room.</p>" : $"<ol class=\"lines\" aria-label=\"Lines in {room}\">\n{list}</ol>";
        return Document(page.Session.Title, "lines", $"""
            <main class="card">
            <h1>Lines in {room}</h1>
            {ErrorMessage(page.Error)}
            <p class="hint">A deleted line leaves the history and disappears from every open chat.</p>
            {lines}
            <p><a href="{ChatRoutes.Lines}?{Sid}={Uri.EscapeDataString(page.Session.SessionId)}">Show the latest lines</a></p>
            </main>
            """);
    }

    /// <inheritdoc />
    public virtual string RenderModeration(ModerationPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var sid = Html.Encode(page.Session.SessionId);
        var room = Html.Encode(page.Session.Room);
        var actions = new StringBuilder();
        foreach (var action in page.Actions)
        {
            actions.Append(Option(action.Value, action.Label, selected: false));
        }

        var list = new StringBuilder();
        var row = 0;
        foreach (var user in page.Users)
        {
            var name = Html.Encode(user.Name);
            var id = (++row).ToString(CultureInfo.InvariantCulture);
            var item = $"""
                <li><b class="{ColorClass(user.Color)}" id="user{id}">{name}</b>
                <form method="post" action="{ChatRoutes.Moderate}"><input type="hidden" name="{Sid}" value="{sid}"><input type="hidden" name="name" value="{name}">
                <select name="action" aria-label="What to do to {name}">{actions}</select>
                <input name="duration" size="4" maxlength="5" placeholder="10m" aria-label="For how long (30s, 10m, 2h, 1d)">
                <input name="reason" maxlength="200" placeholder="reason" aria-label="Why">
                <button type="submit" aria-describedby="user{id}">Apply</button></form></li>

                """;
            list.Append(item);
        }

        var users = page.Users.Count == 0 ? "<p>Nobody else is in this room.</p>" : $"<ul class=\"moderation\" aria-label=\"Users in {room}\">\n{list}</ul>";
        return Document(page.Session.Title, "lines", $"""
            <main class="card">
            <h1>Moderate {room}</h1>
            {ErrorMessage(page.Error)}
            <p class="hint">A kick ends the session; a ban keeps the name (banip: its address) out until it ends; a mute keeps them from speaking. Durations: 30s, 10m, 2h, 1d.</p>
            {users}
            <p><a href="{ChatRoutes.Moderate}?{Sid}={Uri.EscapeDataString(page.Session.SessionId)}">Show who is here now</a></p>
            </main>
            """);
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
        var recipients = new StringBuilder("<option value=\"\">everyone</option>");
        var targetListed = page.Target is null;
        foreach (var name in page.Recipients)
        {
            var picked = string.Equals(name, page.Target, StringComparison.OrdinalIgnoreCase);
            targetListed |= picked;
            recipients.Append(Option(name, name, picked));
        }

        if (!targetListed)
        {
            // Picked in the names frame, or in another room: whispers reach anyone online.
            recipients.Append(Option(page.Target!, page.Target!, selected: true));
        }

        var actions = new StringBuilder("<option value=\"\">none</option>");
        foreach (var action in page.Actions)
        {
            actions.Append(Option(action.Value, action.Label, selected: false));
        }

        var colors = new StringBuilder();
        foreach (var color in page.Colors)
        {
            colors.Append(Option(color.Value, color.Label, string.Equals(color.Value, page.Color, StringComparison.OrdinalIgnoreCase)));
        }

        var isPrivate = page.IsPrivate ? " checked" : string.Empty;
        return Document(page.Session.Title, "talk", $"""
            {ErrorMessage(page.Error)}
            <form class="say" method="post" action="{ChatRoutes.Say}">
            <input type="hidden" name="{Sid}" value="{sid}">
            <label for="text" class="who">{Html.Encode(page.Session.UserName)}</label>
            <small class="room">in {Html.Encode(page.Session.Room)}</small>
            <input id="text" name="text" maxlength="{page.MaxMessageLength.ToString(CultureInfo.InvariantCulture)}" autocomplete="off" autofocus value="{Html.Encode(page.Draft)}" aria-describedby="hint">
            <button type="submit">Say</button>
            <span class="break"></span>
            <span class="pickers">
            <label for="to">to</label> <select id="to" name="to">{recipients}</select>
            <label class="check"><input type="checkbox" name="private" value="1"{isPrivate}> private</label>
            <label for="action">action</label> <select id="action" name="action">{actions}</select>
            </span>
            </form>
            <form class="color" method="post" action="{ChatRoutes.Say}">
            <input type="hidden" name="{Sid}" value="{sid}">
            <label for="color">colour</label> <select id="color" name="color">{colors}</select>
            <button type="submit">Set</button>
            </form>
            <form class="leave" method="post" action="{ChatRoutes.Leave}" target="_top">
            <input type="hidden" name="{Sid}" value="{sid}">
            <button type="submit">Leave</button>
            </form>
            <p id="hint" class="hint">Type /help for commands: /msg NAME text whispers, /me acts.</p>
            {ModerationLink(page)}
            {PasswordLink(page)}
            {UserModerationLink(page)}
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
            list.Append("<li class=\"").Append(RoleClass(user.Role)).Append("\"><b class=\"").Append(ColorClass(user.Color)).Append("\">").Append(Html.Encode(user.Name)).Append("</b>")
                .Append(role).Append(idleText).Append(UserActions(page, user.Name)).Append("</li>\n");
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
    public virtual string RenderRegister(RegisterPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var min = page.MinPasswordLength.ToString(CultureInfo.InvariantCulture);
        var max = page.MaxPasswordLength.ToString(CultureInfo.InvariantCulture);
        return Document(page.Title, "login", $"""
            <main class="card">
            <h1>Create an account</h1>
            {ErrorMessage(page.Error)}
            <form method="post" action="{ChatRoutes.Register}">
            <label for="name">Name</label>
            <input id="name" name="name" maxlength="{page.MaxUserNameLength.ToString(CultureInfo.InvariantCulture)}" autocomplete="username" required autofocus value="{Html.Encode(page.UserName)}">
            <label for="password">Password <small>({min} to {max} characters)</small></label>
            <input id="password" name="password" type="password" autocomplete="new-password" minlength="{min}" maxlength="{max}" required>
            <label for="confirm">The password again</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="{min}" maxlength="{max}" required>
            <button type="submit">Register and enter the chat</button>
            </form>
            <p class="hint"><a href="{ChatRoutes.Home}">Back to the login page</a></p>
            </main>
            """);
    }

    /// <inheritdoc />
    public virtual string RenderRegisterOffer(RegisterPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var name = Html.Encode(page.UserName);
        return Document(page.Title, "login", $"""
            <main class="card">
            <h1>There is no account called {name}</h1>
            {ErrorMessage(page.Error)}
            <p>The name is free: register it to keep it, with the password of your choice.</p>
            <form method="get" action="{ChatRoutes.Register}">
            <input type="hidden" name="name" value="{name}">
            <button type="submit">Register {name}</button>
            </form>
            <p class="hint"><a href="{ChatRoutes.Home}">Back to the login page</a></p>
            </main>
            """);
    }

    /// <inheritdoc />
    public virtual string RenderPassword(PasswordPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var min = page.MinPasswordLength.ToString(CultureInfo.InvariantCulture);
        var max = page.MaxPasswordLength.ToString(CultureInfo.InvariantCulture);
        var changed = page.Changed
            ? "<p class=\"notice\" role=\"status\">Your password is changed. Any other session of yours has ended.</p>"
            : string.Empty;
        return Document(page.Session.Title, "login", $"""
            <main class="card">
            <h1>Change the password of {Html.Encode(page.Session.UserName)}</h1>
            {ErrorMessage(page.Error)}{changed}
            <form method="post" action="{ChatRoutes.Password}">
            <input type="hidden" name="{Sid}" value="{Html.Encode(page.Session.SessionId)}">
            <input type="text" name="username" value="{Html.Encode(page.Session.UserName)}" autocomplete="username" hidden>
            <label for="current">Current password</label>
            <input id="current" name="current" type="password" autocomplete="current-password" required autofocus>
            <label for="password">New password <small>({min} to {max} characters)</small></label>
            <input id="password" name="password" type="password" autocomplete="new-password" minlength="{min}" maxlength="{max}" required>
            <label for="confirm">The new password again</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="{min}" maxlength="{max}" required>
            <button type="submit">Change the password</button>
            </form>
            <p class="hint">Other sessions of yours end when the password changes; this one goes on.</p>
            </main>
            """);
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

    /// <summary>
    /// What the names frame offers beside a name: a link that opens the talk frame set to whisper
    /// to that user, and a button to ignore the user or see them again; nothing beside the user's own name.
    /// </summary>
    /// <param name="page">Whose names frame it is.</param>
    /// <param name="userName">The name beside which the controls go.</param>
    /// <returns>HTML: a link into the talk frame and a form posting to <see cref="ChatRoutes.Ignore"/>, or an empty string.</returns>
    protected virtual string UserActions(NamesPage page, string userName)
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

        var (value, label) = ignored ? ("0", "unignore") : ("1", "ignore");
        var whisper = $"{ChatRoutes.Talk}?{Sid}={Uri.EscapeDataString(page.Session.SessionId)}&to={Uri.EscapeDataString(userName)}&private=1";
        return $"<a class=\"pm\" href=\"{Html.Encode(whisper)}\" target=\"talk\" aria-label=\"whisper to {Html.Encode(userName)}\">whisper</a>"
            + $"<form class=\"ignore\" method=\"post\" action=\"{ChatRoutes.Ignore}\"><input type=\"hidden\" name=\"{Sid}\" value=\"{Html.Encode(page.Session.SessionId)}\"><input type=\"hidden\" name=\"name\" value=\"{Html.Encode(userName)}\"><input type=\"hidden\" name=\"ignore\" value=\"{value}\"><button type=\"submit\" aria-label=\"{label} {Html.Encode(userName)}\">{label}</button></form>";
    }

    /// <summary>The talk frame's link to the moderation page (<see cref="ChatRoutes.Lines"/>), for a user who may delete lines.</summary>
    /// <param name="page">The talk frame's model.</param>
    /// <returns>An HTML fragment; empty when <see cref="TalkPage.CanDeleteLines"/> is false.</returns>
    protected virtual string ModerationLink(TalkPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        return page.CanDeleteLines
            ? $"<a class=\"moderate\" href=\"{ChatRoutes.Lines}?{Sid}={Uri.EscapeDataString(page.Session.SessionId)}\" target=\"_blank\">Delete lines</a>"
            : string.Empty;
    }

    /// <summary>The talk frame's link to the password page (<see cref="ChatRoutes.Password"/>), for a registered user.</summary>
    /// <param name="page">The talk frame's model.</param>
    /// <returns>An HTML fragment; empty when <see cref="TalkPage.CanChangePassword"/> is false.</returns>
    protected virtual string PasswordLink(TalkPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        return page.CanChangePassword
            ? $"<a class=\"account\" href=\"{ChatRoutes.Password}?{Sid}={Uri.EscapeDataString(page.Session.SessionId)}\" target=\"_blank\">Change password</a>"
            : string.Empty;
    }

    /// <summary>The talk frame's link to the page that kicks, mutes and bans (<see cref="ChatRoutes.Moderate"/>), for a user who may moderate the room.</summary>
    /// <param name="page">The talk frame's model.</param>
    /// <returns>An HTML fragment; empty when <see cref="TalkPage.CanModerate"/> is false.</returns>
    protected virtual string UserModerationLink(TalkPage page)
    {
        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        return page.CanModerate
            ? $"<a class=\"moderate\" href=\"{ChatRoutes.Moderate}?{Sid}={Uri.EscapeDataString(page.Session.SessionId)}\" target=\"_blank\">Moderate users</a>"
            : string.Empty;
    }

    /// <summary>The link to the style sheet that hides a deleted line; also what is sent when a custom renderer fails.</summary>
    internal static string HiddenLineLink(ChatMessage message) =>
        $"<link rel=\"stylesheet\" href=\"{Html.Encode($"{ChatRoutes.HiddenLine}?room={Uri.EscapeDataString(message.Room)}&seq={message.Sequence.ToString(CultureInfo.InvariantCulture)}")}\">\n";

    /// <summary>
    /// Text for a double-quoted CSS string: everything but ASCII letters, digits, '-' and '_' as a
    /// six-digit escape, which needs no space after it (CSS Syntax Level 3, §4.3.7); other
    /// characters beyond ASCII go as they are, since the style sheet is UTF-8.
    /// </summary>
    private static string CssString(string text)
    {
        var css = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' || c >= 0x80)
            {
                css.Append(c);
            }
            else
            {
                css.Append('\\').Append(((int)c).ToString("X6", CultureInfo.InvariantCulture));
            }
        }

        return css.ToString();
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
    protected virtual string ColorClass(string? color) => DefaultStyleSheet.ColorClass(color);

    /// <summary>
    /// The class that marks a role on a line and in the names frame: <c>guest</c>, <c>member</c>
    /// (a registered user) or <c>admin</c>. The default style sheet shows it beside the name, so
    /// that a guest cannot pass for a member.
    /// </summary>
    /// <param name="role">The role.</param>
    /// <returns>A CSS class name.</returns>
    protected virtual string RoleClass(ChatRole role) => role switch
    {
        ChatRole.Guest => "guest",
        ChatRole.Admin => "admin",
        _ => "member",
    };

    private static string Option(string value, string label, bool selected) =>
        $"<option value=\"{Html.Encode(value)}\"{(selected ? " selected" : string.Empty)}>{Html.Encode(label)}</option>";

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
    /// <param name="bodyClass">The class of the body element, as plain text; the default style sheet styles <c>login</c>, <c>talk</c>, <c>names</c>, <c>lines</c> and <c>error</c>.</param>
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
