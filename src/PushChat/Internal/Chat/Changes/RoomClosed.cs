using System;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A room closed; whoever is in it moves to the default room. An expiry names when it saw the room
/// become empty in <paramref name="IfEmptySince"/>: a room someone entered since stays open.
/// <paramref name="ClosedBy"/> names the user who closed it; null for the host and for an expiry.
/// </summary>
internal sealed record RoomClosed(string Room, DateTimeOffset? IfEmptySince = null, string? ClosedBy = null) : ChatChange;
