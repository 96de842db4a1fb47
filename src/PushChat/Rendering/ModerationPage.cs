using System;
using System.Collections.Generic;
using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>What the moderation page shows: the users of the room and what the moderator may do to them.</summary>
public sealed class ModerationPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="session">Who moderates which room.</param>
    /// <param name="users">The other users in the room, by name.</param>
    /// <param name="actions">What the moderator's role allows (form field <c>action</c>): kick, mute and the like.</param>
    /// <param name="error">Why the last act was refused, or <see langword="null"/>.</param>
    public ModerationPage(SessionPage session, IReadOnlyList<ChatUserInfo> users, IReadOnlyList<TalkChoice> actions, string? error)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
        Users = users ?? throw new ArgumentNullException(nameof(users));
        Actions = actions ?? throw new ArgumentNullException(nameof(actions));
        Error = error;
    }

    /// <summary>Who moderates which room.</summary>
    public SessionPage Session { get; }

    /// <summary>The other users in the room, by name.</summary>
    public IReadOnlyList<ChatUserInfo> Users { get; }

    /// <summary>What the moderator's role allows (form field <c>action</c>).</summary>
    public IReadOnlyList<TalkChoice> Actions { get; }

    /// <summary>Why the last act was refused, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>
    /// The reader's language, which the page's words are in: the session's for a session's pages,
    /// the browser's choice before login. A custom renderer takes its words and its
    /// <c>&lt;html lang&gt;</c> from it too.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}
