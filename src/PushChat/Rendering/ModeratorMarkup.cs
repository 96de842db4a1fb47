using System;
using System.Globalization;
using System.Text;
using PushChat.Localization.Keys;

namespace PushChat.Rendering;

/// <summary>
/// The pages of <see cref="DefaultPageRenderer"/> a moderator opens from the talk frame: the
/// room's lines, each with a delete button, and its users, each with the acts the moderator's role allows.
/// </summary>
internal static class ModeratorMarkup
{
    public static string Lines(DefaultPageRenderer look, LinesPage page)
    {
        var words = page.Language;
        var sid = Html.Encode(page.Session.SessionId);
        var epoch = page.RoomEpoch == 0 ? string.Empty : $"<input type=\"hidden\" name=\"epoch\" value=\"{page.RoomEpoch.ToString(CultureInfo.InvariantCulture)}\">";
        var list = new StringBuilder();
        foreach (var line in page.Lines)
        {
            var time = line.Time.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
            var sender = line.Sender is null ? string.Empty : $"<b class=\"{look.ColorClassFor(line.SenderColor)}\">{Html.Encode(line.Sender)}</b> ";
            var seq = line.Sequence.ToString(CultureInfo.InvariantCulture);
            var item = $"""
                <li><time>{time}</time> {sender}<span id="line{seq}">{Html.Encode(line.Text)}</span>
                <form method="post" action="{ChatRoutes.Delete}"><input type="hidden" name="{ChatRoutes.SessionParameter}" value="{sid}"><input type="hidden" name="room" value="{Html.Encode(line.Room)}"><input type="hidden" name="seq" value="{seq}">{epoch}<button type="submit" aria-describedby="line{seq}">{words.Encoded(ModerationPageTexts.Delete)}</button></form></li>

                """;
            list.Append(item);
        }

        var linesIn = words.Encoded(ModerationPageTexts.LinesIn, ("room", page.Session.Room));
        var lines = page.Lines.Count == 0 ? $"<p>{words.Encoded(ModerationPageTexts.NoLines)}</p>" : $"<ol class=\"lines\" aria-label=\"{linesIn}\">\n{list}</ol>";
        return look.DocumentFor(words, page.Session.Title, "lines", $"""
            <main class="card">
            <h1>{linesIn}</h1>
            {look.ErrorMessageFor(page.Error)}
            <p class="hint">{words.Encoded(ModerationPageTexts.DeletedLinesVanish)}</p>
            {lines}
            <p><a href="{ChatRoutes.Lines}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(page.Session.SessionId)}">{words.Encoded(ModerationPageTexts.ShowLatestLines)}</a></p>
            </main>
            """);
    }

    public static string Moderation(DefaultPageRenderer look, ModerationPage page)
    {
        var words = page.Language;
        var sid = Html.Encode(page.Session.SessionId);
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
                <select name="action" aria-label="{words.Encoded(ModerationPageTexts.WhatToDo, ("name", user.Name))}">{actions}</select>
                <input name="duration" size="4" maxlength="5" placeholder="10m" aria-label="{words.Encoded(ModerationPageTexts.HowLong)}">
                <input name="reason" maxlength="200" placeholder="{words.Encoded(ModerationPageTexts.Reason)}" aria-label="{words.Encoded(ModerationPageTexts.Why)}">
                <button type="submit" aria-describedby="user{id}">{words.Encoded(ModerationPageTexts.Apply)}</button></form></li>

                """;
            list.Append(item);
        }

        var users = page.Users.Count == 0
            ? $"<p>{words.Encoded(ModerationPageTexts.NobodyElse)}</p>"
            : $"<ul class=\"moderation\" aria-label=\"{words.Encoded(ModerationPageTexts.UsersIn, ("room", page.Session.Room))}\">\n{list}</ul>";
        return look.DocumentFor(words, page.Session.Title, "lines", $"""
            <main class="card">
            <h1>{words.Encoded(ModerationPageTexts.Moderate, ("room", page.Session.Room))}</h1>
            {look.ErrorMessageFor(page.Error)}
            <p class="hint">{words.Encoded(ModerationPageTexts.Hint)}</p>
            {users}
            <p><a href="{ChatRoutes.Moderate}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(page.Session.SessionId)}">{words.Encoded(ModerationPageTexts.ShowWhoIsHere)}</a></p>
            </main>
            """);
    }
}
