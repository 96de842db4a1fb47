namespace PushChat.Internal.Chat.Sockets;

/// <summary>The kinds of message a WebSocket client sends (PROTOCOL.md, "Client messages").</summary>
internal enum ClientMessageType
{
    /// <summary>First message: log in with a name, and a password unless a guest.</summary>
    Login,

    /// <summary>First message: make an account, then log in with it.</summary>
    Register,

    /// <summary>First message: take up an existing session with its token.</summary>
    Resume,

    /// <summary>First message of a connection the upgrade already bound to a session by its cookie.</summary>
    Hello,

    /// <summary>A line to the room.</summary>
    Say,

    /// <summary>A line to one user.</summary>
    Whisper,

    /// <summary>An action (<c>* ann waves</c>).</summary>
    Act,

    /// <summary>Any line of the talk box, slash commands included.</summary>
    Command,

    /// <summary>Moves to a room, opening it when allowed.</summary>
    Join,

    /// <summary>Takes back a line of the session's room.</summary>
    Delete,

    /// <summary>Starts or stops ignoring a user.</summary>
    Ignore,

    /// <summary>Sets the session's colour.</summary>
    Color,

    /// <summary>Asks who is in the room.</summary>
    Who,

    /// <summary>Logs out; the connection closes with 1000.</summary>
    Leave,
}
