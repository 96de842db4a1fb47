namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// What a message of a logged-in connection came to: the <see cref="Answer"/> to send (one text
/// message), and whether the session then leaves (and its connection closes with 1000).
/// </summary>
internal sealed class SocketReply
{
    public SocketReply(byte[] answer, bool leaves)
    {
        Answer = answer;
        Leaves = leaves;
    }

    /// <summary>The answer's JSON in UTF-8: <c>ok</c>, <c>error</c>, or <c>presence</c> for <c>who</c>.</summary>
    public byte[] Answer { get; }

    /// <summary>True for a <c>leave</c>: send the answer, then log the session out, which closes the connection with 1000.</summary>
    public bool Leaves { get; }
}
