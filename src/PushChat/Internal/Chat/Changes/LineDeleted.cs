namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A line was taken back: it leaves its room's history and every open screen. A deletion by a
/// user names that user's session in <paramref name="BySessionId"/>, which must belong to the
/// room's owner or an admin when the change is applied; the host's names none. A form drawn
/// earlier names the room's log <paramref name="Epoch"/> it saw: a line of a later life of the
/// room, closed and opened again since, is never deleted in its stead.
/// </summary>
internal sealed record LineDeleted(string Room, long Sequence, string? BySessionId = null, long? Epoch = null) : ChatChange;
