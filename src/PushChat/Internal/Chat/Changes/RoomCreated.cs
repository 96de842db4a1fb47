namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A room was opened: by a user's session (<paramref name="BySessionId"/>), which owns it
/// (<paramref name="Owner"/> names its user), or by the host (<paramref name="Permanent"/>: it
/// stays when empty). The name has passed the room name rules.
/// </summary>
internal sealed record RoomCreated(string Room, string? Owner, string? Topic, bool Permanent, string? BySessionId = null) : ChatChange;
