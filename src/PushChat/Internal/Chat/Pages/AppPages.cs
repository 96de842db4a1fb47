using System.IO;
using System.Text;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// The modern single page (<see cref="ChatRoutes.App"/>) and its script, texts and style sheet,
/// kept as files in the assembly (Pages/App) so they stay plain HTML, CSS and JavaScript that
/// need no build step. The page is a template filled per session with the title, the session id
/// (for the logout form and the streams), the user's name and the rooms known when it was asked for.
/// </summary>
internal sealed class AppPages
{
    private static readonly string Template = Resource("app.html");

    private readonly PageContext _pages;

    public AppPages(PageContext pages) => _pages = pages;

    public static byte[] Script { get; } = Encoding.UTF8.GetBytes(Resource("app.js"));

    public static byte[] Texts { get; } = Encoding.UTF8.GetBytes(Resource("app-text.js"));

    public static byte[] StyleSheet { get; } = Encoding.UTF8.GetBytes(Resource("app.css"));

    public HttpResponse Page(ChatSession session)
    {
        var rooms = new StringBuilder();
        foreach (var room in _pages.Engine.Rooms.List())
        {
            rooms.Append("<option value=\"").Append(Html.Encode(room.Name)).Append("\"></option>");
        }

        var html = Template
            .Replace("{{title}}", Html.Encode(_pages.Options.Title))
            .Replace("{{sid}}", Html.Encode(session.Id))
            .Replace("{{user}}", Html.Encode(session.UserName))
            .Replace("{{rooms}}", rooms.ToString());
        return ChatResponses.Page(200, html);
    }

    private static string Resource(string fileName)
    {
        using var stream = typeof(AppPages).Assembly.GetManifestResourceStream("PushChat.Internal.Chat.Pages.App." + fileName)
            ?? throw new InvalidDataException($"The assembly lacks its resource {fileName}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
