namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A room was opened: by a user, who owns it (<paramref name="Owner"/>), or by the host
/// (<paramref name="Permanent"/>: it stays when empty). The name has passed the room name rules.
/// </summary>
internal sealed record RoomCreated(string Room, string? Owner, string? Topic, bool Permanent) : ChatChange;
