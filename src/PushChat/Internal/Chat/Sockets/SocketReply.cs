namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// What a message of a logged-in connection came to: the <see cref="Answer"/> to send (one text
/// message), and whether the connection then closes with 1000 because the session left.
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

    /// <summary>True after a <c>leave</c> that logged out: send the answer, then close with 1000.</summary>
    public bool Leaves { get; }
}
