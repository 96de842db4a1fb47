using System;
using System.Globalization;
using System.Text;

namespace PushChat.Rendering;

/// <summary>
/// The pages of <see cref="DefaultPageRenderer"/> a moderator opens from the talk frame: the
/// room's lines, each with a delete button, and its users, each with the acts the moderator's role allows.
/// </summary>
internal static class ModeratorMarkup
{
    public static string Lines(DefaultPageRenderer look, LinesPage page)
    {
        var sid = Html.Encode(page.Session.SessionId);
        var room = Html.Encode(page.Session.Room);
        var epoch = page.RoomEpoch == 0 ? string.Empty : $"<input type=\"hidden\" name=\"epoch\" value=\"{page.RoomEpoch.ToString(CultureInfo.InvariantCulture)}\">";
        var list = new StringBuilder();
        foreach (var line in page.Lines)
        {
            var time = line.Time.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
            var sender = line.Sender is null ? string.Empty : $"<b class=\"{look.ColorClassFor(line.SenderColor)}\">{Html.Encode(line.Sender)}</b> ";
            var seq = line.Sequence.ToString(CultureInfo.InvariantCulture);
            var item = $"""
                <li><time>{time}</time> {sender}<span id="line{seq}">{Html.Encode(line.Text)}</span>
                <form method="post" action="{ChatRoutes.Delete}"><input type="hidden" name="{ChatRoutes.SessionParameter}" value="{sid}"><input type="hidden" name="room" value="{Html.Encode(line.Room)}"><input type="hidden" name="seq" value="{seq}">{epoch}<button type="submit" aria-describedby="line{seq}">Delete</button></form></li>

                """;
            list.Append(item);
        }

        var lines = page.Lines.Count == 0 ? "<p>No lines are kept in this room.</p>" : $"<ol class=\"lines\" aria-label=\"Lines in {room}\">\n{list}</ol>";
        return look.DocumentFor(page.Session.Title, "lines", $"""
            <main class="card">
            <h1>Lines in {room}</h1>
            {look.ErrorMessageFor(page.Error)}
            <p class="hint">A deleted line leaves the history and disappears from every open chat.</p>
            {lines}
            <p><a href="{ChatRoutes.Lines}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(page.Session.SessionId)}">Show the latest lines</a></p>
            </main>
            """);
    }

    public static string Moderation(DefaultPageRenderer look, ModerationPage page)
    {
        var sid = Html.Encode(page.Session.SessionId);
        var room = Html.Encode(page.Session.Room);
        var actions = new StringBuilder();
        foreach (var action in page.Actions)
        {
            actions.Append(ShellMarkup.Option(action.Value, action.Label, selected: false));
        }

        var list = new StringBuilder();
        var row = 0;
        foreach (var user in page.Users)
        {
            var name = Html.Encode(user.Name);
            var id = (++row).ToString(CultureInfo.InvariantCulture);
            var item = $"""
                <li><b class="{look.ColorClassFor(user.Color)}" id="user{id}">{name}</b>
                <form method="post" action="{ChatRoutes.Moderate}"><input type="hidden" name="{ChatRoutes.SessionParameter}" value="{sid}"><input type="hidden" name="name" value="{name}">
                <select name="action" aria-label="What to do to {name}">{actions}</select>
                <input name="duration" size="4" maxlength="5" placeholder="10m" aria-label="For how long (30s, 10m, 2h, 1d)">
                <input name="reason" maxlength="200" placeholder="reason" aria-label="Why">
                <button type="submit" aria-describedby="user{id}">Apply</button></form></li>

                """;
            list.Append(item);
        }

        var users = page.Users.Count == 0 ? "<p>Nobody else is in this room.</p>" : $"<ul class=\"moderation\" aria-label=\"Users in {room}\">\n{list}</ul>";
        return look.DocumentFor(page.Session.Title, "lines", $"""
            <main class="card">
            <h1>Moderate {room}</h1>
            {look.ErrorMessageFor(page.Error)}
            <p class="hint">A kick ends the session; a ban keeps the name (banip: its address) out until it ends; a mute keeps them from speaking. Durations: 30s, 10m, 2h, 1d.</p>
            {users}
            <p><a href="{ChatRoutes.Moderate}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(page.Session.SessionId)}">Show who is here now</a></p>
            </main>
            """);
    }
}
