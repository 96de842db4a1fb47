namespace PushChat;

/// <summary>The kind of a line in a room.</summary>
public enum ChatMessageKind
{
    /// <summary>A line a user said to the room.</summary>
    Public = 0,

    /// <summary>A notice from the server or the host: joins, leaves, announcements, shutdown.</summary>
    System = 1,

    /// <summary>A private line from one user to another (<see cref="ChatMessage.Target"/>), shown to those two only.</summary>
    Whisper = 2,

    /// <summary>An action or emote (<c>/me waves</c>): the text follows the sender's name, as in "Ann waves".</summary>
    Action = 3,
}
