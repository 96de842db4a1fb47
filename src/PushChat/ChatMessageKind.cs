namespace PushChat;

/// <summary>The kind of a line in a room.</summary>
public enum ChatMessageKind
{
    /// <summary>A line a user said to the room.</summary>
    Public = 0,

    /// <summary>A notice from the server or the host: joins, leaves, announcements, shutdown.</summary>
    System = 1,
}
