namespace PushChat.Internal.Chat.Changes;

/// <summary>The last stream of a session on a node closed; when no node has one, the session's grace period starts.</summary>
internal sealed record StreamsClosed(string SessionId, string Node) : ChatChange;
