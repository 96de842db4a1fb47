namespace PushChat.Internal.Chat.Changes;

/// <summary>A session moved to another room (created when it does not exist); its stream follows.</summary>
internal sealed record SessionMoved(string SessionId, string Room) : ChatChange;
