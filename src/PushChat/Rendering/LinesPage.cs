using System;
using System.Collections.Generic;
using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>What the moderation page shows: the recent lines of the room, each of which may be deleted.</summary>
public sealed class LinesPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="session">Who moderates which room.</param>
    /// <param name="lines">The lines kept in the room's history that the user may see, oldest first.</param>
    /// <param name="error">Why the last deletion was refused, or <see langword="null"/>.</param>
    public LinesPage(SessionPage session, IReadOnlyList<ChatMessage> lines, string? error)
    {
        Session = session ?? throw new ArgumentNullException(nameof(session));
        Lines = lines ?? throw new ArgumentNullException(nameof(lines));
        Error = error;
    }

    /// <summary>Who moderates which room.</summary>
    public SessionPage Session { get; }

    /// <summary>The lines kept in the room's history that the user may see, oldest first.</summary>
    public IReadOnlyList<ChatMessage> Lines { get; }

    /// <summary>Why the last deletion was refused, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>
    /// Which life of the room the lines are from: a delete form that sends it back as <c>epoch</c>
    /// never deletes a line of the room after it was closed and opened again. 0 when not known.
    /// </summary>
    public long RoomEpoch { get; init; }

    /// <summary>
    /// The reader's language, which the page's words are in: the session's for a session's pages,
    /// the browser's choice before login. A custom renderer takes its words and its
    /// <c>&lt;html lang&gt;</c> from it too.
    /// </summary>
    public ChatLanguage Language { get; init; } = ChatLanguage.English;
}
