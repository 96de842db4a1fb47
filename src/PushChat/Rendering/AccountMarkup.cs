using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PushChat.Rendering;

/// <summary>
/// The pages of <see cref="DefaultPageRenderer"/> around an account: login, registration, the
/// offer to register a free name, and the password change. The shell, error line and room
/// picker come through the renderer, so a derived renderer's overrides show here too.
/// </summary>
internal static class AccountMarkup
{
    public static string Login(DefaultPageRenderer look, LoginPage page)
    {
        var hint = page.GuestsAllowed
            ? "<p class=\"hint\">No account? Pick a name and leave the password empty to join as a guest.</p>"
            : string.Empty;
        var typed = string.IsNullOrEmpty(page.UserName) ? string.Empty : "?name=" + Uri.EscapeDataString(page.UserName);
        var register = page.RegistrationOpen
            ? $"<p class=\"hint\"><a href=\"{Html.Encode(ChatRoutes.Register + typed)}\">Create an account</a> to keep your name.</p>"
            : string.Empty;
        return look.DocumentFor(page.Title, "login", $"""
            <main class="card">
            <h1>{Html.Encode(page.Title)}</h1>
            {look.ErrorMessageFor(page.Error)}
            <form method="post" action="{ChatRoutes.Login}">
            <label for="name">Name</label>
            <input id="name" name="name" maxlength="{page.MaxUserNameLength.ToString(CultureInfo.InvariantCulture)}" autocomplete="username" required autofocus value="{Html.Encode(page.UserName)}">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password">
            {look.RoomPickerFor(page.Rooms)}
            <fieldset class="ui-choice">
            <legend>Chat page</legend>
            <label><input type="radio" name="ui" value="classic"{(page.PreferModernPage ? string.Empty : " checked")}> Classic frames (works without JavaScript)</label>
            <label><input type="radio" name="ui" value="modern"{(page.PreferModernPage ? " checked" : string.Empty)}> Modern page</label>
            </fieldset>
            <button type="submit">Enter the chat</button>
            </form>
            {hint}{register}
            </main>
            """);
    }

    public static string RoomPicker(IReadOnlyList<ChatRoomInfo>? rooms)
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

    public static string Register(DefaultPageRenderer look, RegisterPage page)
    {
        var min = page.MinPasswordLength.ToString(CultureInfo.InvariantCulture);
        var max = page.MaxPasswordLength.ToString(CultureInfo.InvariantCulture);
        return look.DocumentFor(page.Title, "login", $"""
            <main class="card">
            <h1>Create an account</h1>
            {look.ErrorMessageFor(page.Error)}
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

    public static string RegisterOffer(DefaultPageRenderer look, RegisterPage page)
    {
        var name = Html.Encode(page.UserName);
        return look.DocumentFor(page.Title, "login", $"""
            <main class="card">
            <h1>There is no account called {name}</h1>
            {look.ErrorMessageFor(page.Error)}
            <p>The name is free: register it to keep it, with the password of your choice.</p>
            <form method="get" action="{ChatRoutes.Register}">
            <input type="hidden" name="name" value="{name}">
            <button type="submit">Register {name}</button>
            </form>
            <p class="hint"><a href="{ChatRoutes.Home}">Back to the login page</a></p>
            </main>
            """);
    }

    public static string Password(DefaultPageRenderer look, PasswordPage page)
    {
        var min = page.MinPasswordLength.ToString(CultureInfo.InvariantCulture);
        var max = page.MaxPasswordLength.ToString(CultureInfo.InvariantCulture);
        var changed = page.Changed
            ? "<p class=\"notice\" role=\"status\">Your password is changed. Any other session of yours has ended.</p>"
            : string.Empty;
        return look.DocumentFor(page.Session.Title, "login", $"""
            <main class="card">
            <h1>Change the password of {Html.Encode(page.Session.UserName)}</h1>
            {look.ErrorMessageFor(page.Error)}{changed}
            <form method="post" action="{ChatRoutes.Password}">
            <input type="hidden" name="{ChatRoutes.SessionParameter}" value="{Html.Encode(page.Session.SessionId)}">
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
}
