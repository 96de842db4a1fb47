namespace PushChat.Internal.Chat.Changes;

/// <summary>A session moved to another room, which must exist; its stream follows and gets the new room's history.</summary>
internal sealed record SessionMoved(string SessionId, string Room) : ChatChange;
