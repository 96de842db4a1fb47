namespace PushChat.Internal.Chat.State;

/// <summary>
/// How a node of a scaled-out chat tells the others about its streams and its users' signs of
/// life: as changes, sent after the state's lock. A server on its own has none, and applies
/// presence at once under the lock.
/// </summary>
internal interface IPresenceReports
{
    /// <summary>The session's streams on this node opened or closed; sent once it settles.</summary>
    void StreamsChanged(ChatSession session);

    /// <summary>The session showed a sign of life on this node (a page, a names frame).</summary>
    void Touched(ChatSession session);
}
