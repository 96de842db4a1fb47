using System;
using System.IO;
using System.Linq;
using System.Text;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// The modern single page (<see cref="ChatRoutes.App"/>) and its script, texts and style sheet,
/// kept as files in the assembly (Pages/App) so they stay plain HTML, CSS and JavaScript that
/// need no build step. The page is a template filled per session with the title, the session id
/// (for the logout form and the streams), the user's name, the rooms known when it was asked for,
/// whom the user ignores, the colour palette, and the account's links: what only the server knows.
/// Every text in it is a key of the texts script (<see cref="AppTexts"/>, in the session's
/// language), which the page's script fills in.
/// </summary>
internal sealed class AppPages
{
    // The script's parts, one file each so each stays readable, served as one script in this order:
    // the core first, which starts the page once every part has registered its handlers.
    private static readonly string[] ScriptParts = { "app-format.js", "app.js", "app-people.js", "app-moderation.js", "app-account.js" };

    private static readonly string Template = Resource("app.html");

    private readonly PageContext _pages;

    public AppPages(PageContext pages) => _pages = pages;

    public static byte[] Script { get; } = Encoding.UTF8.GetBytes(string.Join("\n", ScriptParts.Select(Resource)));

    public static byte[] StyleSheet { get; } = Encoding.UTF8.GetBytes(Resource("app.css"));

    public HttpResponse Page(ChatSession session)
    {
        var rooms = new StringBuilder();
        foreach (var room in _pages.Engine.Rooms.List())
        {
            rooms.Append("<option value=\"").Append(Html.Encode(room.Name)).Append("\"></option>");
        }

        var html = Template
            .Replace("{{lang}}", Html.Encode(session.Language.Tag))
            .Replace("{{title}}", Html.Encode(_pages.Options.Title))
            .Replace("{{sid}}", Html.Encode(session.Id))
            .Replace("{{user}}", Html.Encode(session.UserName))
            .Replace("{{rooms}}", rooms.ToString())
            .Replace("{{ignored}}", Ignored(session))
            .Replace("{{colors}}", Colors(session))
            .Replace("{{account}}", Account(session));
        return ChatResponses.Page(200, html);
    }

    // Whom the session ignores when the page loads; the script keeps the list from then on.
    private static string Ignored(ChatSession session) =>
        string.Concat(session.Ignored.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).Select(n => $"<li data-name=\"{Html.Encode(n)}\"></li>"));

    // The palette by value, each named in the session's language, the user's own colour chosen.
    private static string Colors(ChatSession session)
    {
        var options = new StringBuilder();
        foreach (var color in ColorPalette.Choices(session.Language))
        {
            var selected = ColorPalette.Is(color, session.Color) ? " selected" : string.Empty;
            options.Append("<option value=\"").Append(Html.Encode(color.Value)).Append('"').Append(selected).Append('>')
                .Append(Html.Encode(color.Label)).Append("</option>");
        }

        return options.ToString();
    }

    // Registration for a guest while it is open, a password change for a registered user: the classic pages, which come back here.
    private string Account(ChatSession session)
    {
        var accounts = _pages.Engine.Accounts;
        if (session.Role == ChatRole.Guest && accounts.RegistrationOpen)
        {
            return "<p class=\"hint\" id=\"register-hint\" data-text=\"registerHint\"></p>\n"
                + "<button type=\"button\" id=\"register\" class=\"secondary\" aria-describedby=\"register-hint\" data-text=\"register\"></button>";
        }

        return accounts.MayChangePassword(session)
            ? $"<a id=\"password-link\" href=\"{ChatRoutes.Password}?{ChatRoutes.SessionParameter}={Uri.EscapeDataString(session.Id)}\" target=\"_blank\" rel=\"noopener\" data-text=\"changePassword\"></a>"
            : string.Empty;
    }

    private static string Resource(string fileName)
    {
        using var stream = typeof(AppPages).Assembly.GetManifestResourceStream("PushChat.Internal.Chat.Pages.App." + fileName)
            ?? throw new InvalidDataException($"The assembly lacks its resource {fileName}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
