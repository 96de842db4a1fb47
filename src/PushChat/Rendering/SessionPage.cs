using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>Who is chatting where: the model of the frameset and the chat frame.</summary>
public sealed class SessionPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="title">The chat's title.</param>
    /// <param name="sessionId">The session id to put in frame URLs (<see cref="ChatRoutes.SessionParameter"/>).</param>
    /// <param name="userName">The user's name.</param>
    /// <param name="room">The room the user is in.</param>
    public SessionPage(string title, string sessionId, string userName, string room)
    {
        Title = title;
        SessionId = sessionId;
        UserName = userName;
        Room = room;
    }

    /// <summary>The chat's title.</summary>
    public string Title { get; }

    /// <summary>The session id to put in frame URLs (<see cref="ChatRoutes.SessionParameter"/>). URL-safe.</summary>
    public string SessionId { get; }

    /// <summary>The user's name.</summary>
    public string UserName { get; }

    /// <summary>The room the user is in.</summary>
    public string Room { get; }

    /// <summary>
    /// The reader's language, which the page's words are in: the session's for a session's pages,
    /// the browser's choice before login. A custom renderer takes its words and its
    /// <c>&lt;html lang&gt;</c> from it too.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}
