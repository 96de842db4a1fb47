using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PushChat.Localization;
using PushChat.Localization.Keys;

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
        var words = page.Language;
        var hint = page.GuestsAllowed
            ? $"<p class=\"hint\">{words.Encoded(AccountPageTexts.GuestHint)}</p>"
            : string.Empty;
        var typed = string.IsNullOrEmpty(page.UserName) ? string.Empty : "?name=" + Uri.EscapeDataString(page.UserName);
        var register = page.RegistrationOpen
            ? $"<p class=\"hint\">{words.WithLink(AccountPageTexts.RegisterHint, AccountPageTexts.CreateAccount, ChatRoutes.Register + typed)}</p>"
            : string.Empty;
        return look.DocumentFor(words, page.Title, "login", $"""
            <main class="card">
            <h1>{Html.Encode(page.Title)}</h1>
            {look.ErrorMessageFor(page.Error)}
            <form method="post" action="{ChatRoutes.Login}">
            <label for="name">{words.Encoded(AccountPageTexts.Name)}</label>
            <input id="name" name="name" maxlength="{page.MaxUserNameLength.ToString(CultureInfo.InvariantCulture)}" autocomplete="username" required autofocus value="{Html.Encode(page.UserName)}">
            <label for="password">{words.Encoded(AccountPageTexts.Password)}</label>
            <input id="password" name="password" type="password" autocomplete="current-password">
            {look.RoomPickerFor(page.Rooms, words)}
            {LanguagePicker(page)}
            <fieldset class="ui-choice">
            <legend>{words.Encoded(AccountPageTexts.ChatPage)}</legend>
            <label><input type="radio" name="ui" value="classic"{(page.PreferModernPage ? string.Empty : " checked")}> {words.Encoded(AccountPageTexts.ClassicPage)}</label>
            <label><input type="radio" name="ui" value="modern"{(page.PreferModernPage ? " checked" : string.Empty)}> {words.Encoded(AccountPageTexts.ModernPage)}</label>
            </fieldset>
            <button type="submit">{words.Encoded(AccountPageTexts.Enter)}</button>
            </form>
            {hint}{register}
            {LanguageLinks(page)}
            </main>
            """);
    }

    public static string RoomPicker(IReadOnlyList<ChatRoomInfo>? rooms, ChatLanguage language)
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
            <label for="room">{language.Encoded(AccountPageTexts.Room)}</label>
            <select id="room" name="room">
            {options}</select>
            """;
    }

    public static string Register(DefaultPageRenderer look, RegisterPage page)
    {
        var words = page.Language;
        var min = page.MinPasswordLength.ToString(CultureInfo.InvariantCulture);
        var max = page.MaxPasswordLength.ToString(CultureInfo.InvariantCulture);
        var length = words.Encoded(AccountPageTexts.PasswordLength, ("min", min), ("max", max));
        return look.DocumentFor(words, page.Title, "login", $"""
            <main class="card">
            <h1>{words.Encoded(AccountPageTexts.CreateAccount)}</h1>
            {look.ErrorMessageFor(page.Error)}
            <form method="post" action="{ChatRoutes.Register}">
            <input type="hidden" name="lang" value="{Html.Encode(words.Tag)}">
            <label for="name">{words.Encoded(AccountPageTexts.Name)}</label>
            <input id="name" name="name" maxlength="{page.MaxUserNameLength.ToString(CultureInfo.InvariantCulture)}" autocomplete="username" required autofocus value="{Html.Encode(page.UserName)}">
            <label for="password">{words.Encoded(AccountPageTexts.Password)} <small>{length}</small></label>
            <input id="password" name="password" type="password" autocomplete="new-password" minlength="{min}" maxlength="{max}" required>
            <label for="confirm">{words.Encoded(AccountPageTexts.PasswordAgain)}</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="{min}" maxlength="{max}" required>
            <button type="submit">{words.Encoded(AccountPageTexts.RegisterAndEnter)}</button>
            </form>
            <p class="hint"><a href="{ChatRoutes.Home}">{words.Encoded(AccountPageTexts.BackToLogin)}</a></p>
            </main>
            """);
    }

    public static string RegisterOffer(DefaultPageRenderer look, RegisterPage page)
    {
        var words = page.Language;
        var userName = page.UserName ?? string.Empty;
        return look.DocumentFor(words, page.Title, "login", $"""
            <main class="card">
            <h1>{words.Encoded(AccountPageTexts.NoSuchAccount, ("name", userName))}</h1>
            {look.ErrorMessageFor(page.Error)}
            <p>{words.Encoded(AccountPageTexts.NameIsFree)}</p>
            <form method="get" action="{ChatRoutes.Register}">
            <input type="hidden" name="name" value="{Html.Encode(userName)}">
            <button type="submit">{words.Encoded(AccountPageTexts.RegisterName, ("name", userName))}</button>
            </form>
            <p class="hint"><a href="{ChatRoutes.Home}">{words.Encoded(AccountPageTexts.BackToLogin)}</a></p>
            </main>
            """);
    }

    public static string Password(DefaultPageRenderer look, PasswordPage page)
    {
        var words = page.Language;
        var min = page.MinPasswordLength.ToString(CultureInfo.InvariantCulture);
        var max = page.MaxPasswordLength.ToString(CultureInfo.InvariantCulture);
        var length = words.Encoded(AccountPageTexts.PasswordLength, ("min", min), ("max", max));
        var changed = page.Changed
            ? $"<p class=\"notice\" role=\"status\">{words.Encoded(AccountPageTexts.PasswordChanged)}</p>"
            : string.Empty;
        return look.DocumentFor(words, page.Session.Title, "login", $"""
            <main class="card">
            <h1>{words.Encoded(AccountPageTexts.ChangePasswordOf, ("name", page.Session.UserName))}</h1>
            {look.ErrorMessageFor(page.Error)}{changed}
            <form method="post" action="{ChatRoutes.Password}">
            <input type="hidden" name="{ChatRoutes.SessionParameter}" value="{Html.Encode(page.Session.SessionId)}">
            <input type="text" name="username" value="{Html.Encode(page.Session.UserName)}" autocomplete="username" hidden>
            <label for="current">{words.Encoded(AccountPageTexts.CurrentPassword)}</label>
            <input id="current" name="current" type="password" autocomplete="current-password" required autofocus>
            <label for="password">{words.Encoded(AccountPageTexts.NewPassword)} <small>{length}</small></label>
            <input id="password" name="password" type="password" autocomplete="new-password" minlength="{min}" maxlength="{max}" required>
            <label for="confirm">{words.Encoded(AccountPageTexts.NewPasswordAgain)}</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="{min}" maxlength="{max}" required>
            <button type="submit">{words.Encoded(AccountPageTexts.ChangePassword)}</button>
            </form>
            <p class="hint">{words.Encoded(AccountPageTexts.OtherSessionsEnd)}</p>
            </main>
            """);
    }

    /// <summary>The login form's choice of language, each named in itself, the page's own picked; nothing when the chat speaks one.</summary>
    private static string LanguagePicker(LoginPage page)
    {
        if (page.Languages.Count < 2)
        {
            return string.Empty;
        }

        var options = new StringBuilder();
        foreach (var language in page.Languages)
        {
            var tag = Html.Encode(language.Tag);
            var selected = string.Equals(language.Tag, page.Language.Tag, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty;
            options.Append("<option value=\"").Append(tag).Append("\" lang=\"").Append(tag).Append('"').Append(selected).Append('>').Append(Html.Encode(language.Name)).Append("</option>\n");
        }

        return $"""
            <label for="lang">{page.Language.Encoded(AccountPageTexts.Language)}</label>
            <select id="lang" name="lang">
            {options}</select>
            """;
    }

    /// <summary>Links that show the login page in each other language, each link in its own language, for a reader who cannot read this one.</summary>
    private static string LanguageLinks(LoginPage page)
    {
        if (page.Languages.Count < 2)
        {
            return string.Empty;
        }

        var links = new StringBuilder();
        foreach (var language in page.Languages)
        {
            if (string.Equals(language.Tag, page.Language.Tag, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var tag = Html.Encode(language.Tag);
            var href = Html.Encode(ChatRoutes.Home + "?lang=" + Uri.EscapeDataString(language.Tag));
            links.Append(links.Length == 0 ? string.Empty : " ")
                .Append("<a href=\"").Append(href).Append("\" lang=\"").Append(tag).Append("\" hreflang=\"").Append(tag).Append("\">").Append(Html.Encode(language.Name)).Append("</a>");
        }

        return $"<nav class=\"languages\" aria-label=\"{page.Language.Encoded(AccountPageTexts.OtherLanguages)}\"><p class=\"hint\">{links}</p></nav>";
    }
}
