using System;
using System.Collections.Generic;
using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>What the talk frame shows.</summary>
public sealed class TalkPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="session">Who is talking where.</param>
    /// <param name="draft">Text to put back in the box after a refusal, or <see langword="null"/>.</param>
    /// <param name="error">Why the last message was refused, or <see langword="null"/>.</param>
    /// <param name="maxMessageLength">The longest message allowed, in characters.</param>
    public TalkPage(SessionPage session, string? draft, string? error, int maxMessageLength)
    {
        Session = session;
        Draft = draft;
        Error = error;
        MaxMessageLength = maxMessageLength;
    }

    /// <summary>Who is talking where.</summary>
    public SessionPage Session { get; }

    /// <summary>Text to put back in the box after a refusal, so nothing typed is lost.</summary>
    public string? Draft { get; }

    /// <summary>Why the last message was refused, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>The longest message allowed, in characters.</summary>
    public int MaxMessageLength { get; }

    /// <summary>Who else is in the room, by name, for the "to" picker (at most 100; <c>/msg</c> reaches anyone online).</summary>
    public IReadOnlyList<string> Recipients { get; init; } = Array.Empty<string>();

    /// <summary>The user the last line was addressed to, kept picked; <see langword="null"/> for everyone.</summary>
    public string? Target { get; init; }

    /// <summary>Whether the last line was private (a whisper to <see cref="Target"/>), kept ticked.</summary>
    public bool IsPrivate { get; init; }

    /// <summary>The user's colour as <c>#rrggbb</c>.</summary>
    public string? Color { get; init; }

    /// <summary>The colours the user may pick (form field <c>color</c>).</summary>
    public IReadOnlyList<TalkChoice> Colors { get; init; } = Array.Empty<TalkChoice>();

    /// <summary>The canned actions the user may pick (form field <c>action</c>).</summary>
    public IReadOnlyList<TalkChoice> Actions { get; init; } = Array.Empty<TalkChoice>();

    /// <summary>Whether the user may delete lines of the room (its owner or an admin): the page then links to <see cref="ChatRoutes.Lines"/>.</summary>
    public bool CanDeleteLines { get; init; }

    /// <summary>Whether the user has a password to change (a registered user): the page then links to <see cref="ChatRoutes.Password"/>.</summary>
    public bool CanChangePassword { get; init; }

    /// <summary>Whether the user may kick, mute or make owners in the room (an admin or an owner of it): the page then links to <see cref="ChatRoutes.Moderate"/>.</summary>
    public bool CanModerate { get; init; }

    /// <summary>
    /// The reader's language, which the page's words are in: the session's for a session's pages,
    /// the browser's choice before login. A custom renderer takes its words and its
    /// <c>&lt;html lang&gt;</c> from it too.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}
