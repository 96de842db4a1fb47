namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A line was taken back: it leaves its room's history and every open screen. A deletion by a
/// user names that user's session in <paramref name="BySessionId"/>, which must belong to the
/// room's owner or an admin when the change is applied; the host's names none.
/// </summary>
internal sealed record LineDeleted(string Room, long Sequence, string? BySessionId = null) : ChatChange;
