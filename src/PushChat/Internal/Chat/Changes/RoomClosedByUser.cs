namespace PushChat.Internal.Chat.Changes;

/// <summary>A room's owner or an admin closes the room the session is in.</summary>
internal sealed record RoomClosedByUser(string BySessionId) : ChatChange;
