namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// One client message as read from its JSON, its fields checked for presence and type against what
/// its <see cref="Type"/> needs (<see cref="ClientMessageReader"/>); the fields a type does not use are null.
/// </summary>
internal sealed class ClientMessage
{
    public ClientMessage(ClientMessageType type, MessageId id)
    {
        Type = type;
        Id = id;
    }

    public ClientMessageType Type { get; }

    /// <summary>What the answer repeats.</summary>
    public MessageId Id { get; }

    /// <summary>Whether this is a message that opens a connection (login, register, resume, hello) rather than one a session sends.</summary>
    public bool IsFirst => Type is ClientMessageType.Login or ClientMessageType.Register or ClientMessageType.Resume or ClientMessageType.Hello;

    /// <summary>The user's name (login, register).</summary>
    public string? Name { get; init; }

    /// <summary>The password (register; login, where none means a guest).</summary>
    public string? Password { get; init; }

    /// <summary>The room to log in to (login, register) or to move to (join).</summary>
    public string? Room { get; init; }

    /// <summary>The language tag a login or registration asks for (its session's and its errors'); null, or a tag the server lacks, takes the connection's.</summary>
    public string? Language { get; init; }

    /// <summary>The session to take up (resume).</summary>
    public string? Session { get; init; }

    /// <summary>The session's token (resume): its secret, as a password.</summary>
    public string? Token { get; init; }

    /// <summary>The cursor to resume from (resume, hello), unparsed: the stream reads it.</summary>
    public string? After { get; init; }

    /// <summary>The line (say, whisper, act, command).</summary>
    public string? Text { get; init; }

    /// <summary>Whom a whisper is for.</summary>
    public string? To { get; init; }

    /// <summary>Whom to ignore or stop ignoring.</summary>
    public string? User { get; init; }

    /// <summary>Whether to ignore <see cref="User"/> (true when the message does not say) or to stop.</summary>
    public bool Ignore { get; init; } = true;

    /// <summary>The colour, a palette name or <c>#rrggbb</c>.</summary>
    public string? Color { get; init; }

    /// <summary>The position <c>epoch:seq</c> of the line to delete, unparsed.</summary>
    public string? Position { get; init; }
}
