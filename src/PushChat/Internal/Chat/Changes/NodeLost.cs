namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A node stopped, or stopped telling the others it is alive: its streams count as closed, so
/// its users leave after the grace period unless they come back through another node.
/// </summary>
internal sealed record NodeLost(string Node) : ChatChange;
