using System.Globalization;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Rendering;

/// <summary>
/// What every page of <see cref="DefaultPageRenderer"/> is built from: the document shell, the
/// error line, the role marks, the picker entries, and the error page, which is nothing but the shell.
/// </summary>
internal static class ShellMarkup
{
    public static string Document(string languageTag, string title, string bodyClass, string body, string? extraHead) => $"""
        <!DOCTYPE html>
        <html lang="{Html.Encode(languageTag)}">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Html.Encode(title)}</title><link rel="stylesheet" href="{ChatRoutes.StyleSheet}">{extraHead}</head>
        <body class="{Html.Encode(bodyClass)}">
        {body}
        </body>
        </html>
        """;

    public static string ErrorMessage(string? reason) =>
        reason is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{Html.Encode(reason)}</p>";

    public static string RoleClass(ChatRole role) => role switch
    {
        ChatRole.Guest => "guest",
        ChatRole.Admin => "admin",
        _ => "member",
    };

    /// <summary>One entry of a select box, picked or not.</summary>
    public static string Option(string value, string label, bool selected) =>
        $"<option value=\"{Html.Encode(value)}\"{(selected ? " selected" : string.Empty)}>{Html.Encode(label)}</option>";

    public static string ErrorPage(DefaultPageRenderer look, ErrorPage page)
    {
        var login = page.OfferLogin ? $"<p><a href=\"{ChatRoutes.Home}\" target=\"_top\">{page.Language.Encoded(AccountPageTexts.BackToLogin)}</a></p>" : string.Empty;
        return look.DocumentFor(page.Language, page.Title, "error", $"""
            <main class="card">
            <h1>{page.StatusCode.ToString(CultureInfo.InvariantCulture)}</h1>
            <p class="error" role="alert">{Html.Encode(page.Message)}</p>
            {login}
            </main>
            """);
    }
}
