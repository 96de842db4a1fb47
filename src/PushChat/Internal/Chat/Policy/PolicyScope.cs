namespace PushChat.Internal.Chat.Policy;

/// <summary>How far an actor's act reaches, ranked: each one includes the ones before it.</summary>
internal enum PolicyScope
{
    /// <summary>Not allowed.</summary>
    None,

    /// <summary>Only on the actor's own session (changing rooms, colour, ignore list; asking who is here).</summary>
    Own,

    /// <summary>In a room the actor owns, on the users in it.</summary>
    Room,

    /// <summary>Everywhere.</summary>
    Server,
}
