using PushChat.Internal.Chat.State;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// What a connection's first message came to: a <see cref="Session"/> with the <c>welcome</c> to send,
/// or no session and the <c>error</c> to send before closing with 1008.
/// </summary>
internal sealed class SocketLoginResult
{
    private SocketLoginResult(ChatSession? session, byte[] answer, string? after)
    {
        Session = session;
        Answer = answer;
        After = after;
    }

    /// <summary>The session the connection now speaks for; null when refused.</summary>
    public ChatSession? Session { get; }

    /// <summary>The answer's JSON in UTF-8: <c>welcome</c>, or <c>error</c>.</summary>
    public byte[] Answer { get; }

    /// <summary>The cursor the client gave (<c>after</c> of resume or hello) as it wrote it, unparsed; null when none.</summary>
    public string? After { get; }

    public bool IsAccepted => Session is not null;

    public static SocketLoginResult Accepted(ChatSession session, byte[] welcome, string? after) => new(session, welcome, after);

    public static SocketLoginResult Refused(byte[] error) => new(null, error, null);
}
