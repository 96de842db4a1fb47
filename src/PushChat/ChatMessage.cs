using System;

namespace PushChat;

/// <summary>One line of a room, as delivered to every reader.</summary>
public sealed class ChatMessage
{
    /// <summary>Creates a line; the engine creates these, hosts read them in events and renderers.</summary>
    /// <param name="room">The room the line belongs to.</param>
    /// <param name="sequence">The line's position in its room's log, or 0 for a whisper or a notice to one user.</param>
    /// <param name="kind">Whether a user said it or the server did.</param>
    /// <param name="sender">The speaker's name, or <see langword="null"/> for system notices.</param>
    /// <param name="senderColor">The speaker's colour as <c>#rrggbb</c>, or <see langword="null"/>.</param>
    /// <param name="text">The text, exactly as filtered; renderers must escape it.</param>
    /// <param name="time">When the server accepted the line.</param>
    /// <param name="target">Whom a whisper is for, or whom an action names; otherwise <see langword="null"/>.</param>
    /// <param name="senderRole">The speaker's role when the line was said, or <see langword="null"/> for system notices.</param>
    public ChatMessage(string room, long sequence, ChatMessageKind kind, string? sender, string? senderColor, string text, DateTimeOffset time, string? target = null, ChatRole? senderRole = null)
    {
        SenderRole = senderRole;
        Target = target;
        Room = room ?? throw new ArgumentNullException(nameof(room));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Sequence = sequence;
        Kind = kind;
        Sender = sender;
        SenderColor = senderColor;
        Time = time;
    }

    /// <summary>The room the line belongs to.</summary>
    public string Room { get; }

    /// <summary>
    /// The line's position in its room's log: 1 for the room's first item, one more for each next
    /// (notices, topic changes and deletions are items too). 0 for a whisper or a notice to one
    /// user, which are kept in the mailboxes of their ends, not in a room.
    /// </summary>
    public long Sequence { get; }

    /// <summary>Whether a user said it or the server did.</summary>
    public ChatMessageKind Kind { get; }

    /// <summary>The speaker's name, or <see langword="null"/> for system notices.</summary>
    public string? Sender { get; }

    /// <summary>The speaker's colour as <c>#rrggbb</c>, or <see langword="null"/>.</summary>
    public string? SenderColor { get; }

    /// <summary>
    /// The speaker's role when the line was said (a guest, a registered user or an admin), or
    /// <see langword="null"/> for system notices. Renderers mark it, so that a guest cannot pass
    /// for a registered user of a similar name.
    /// </summary>
    public ChatRole? SenderRole { get; }

    /// <summary>The text as said (after filters). Not escaped: renderers must escape it.</summary>
    public string Text { get; }

    /// <summary>When the server accepted the line.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Whom a whisper is for, or whom an action names ("Ann waves to Ben"); otherwise <see langword="null"/>.</summary>
    public string? Target { get; }

    /// <summary>This message with other words: a notice as one reader's language says it.</summary>
    internal ChatMessage WithText(string text) =>
        new(Room, Sequence, Kind, Sender, SenderColor, text, Time, Target, SenderRole);
}
