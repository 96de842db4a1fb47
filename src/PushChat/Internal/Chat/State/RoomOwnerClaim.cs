using System;
using PushChat.Internal.Chat.Policy;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// One owner of a room: a registered user by name (whichever session logs in with it), or a guest's
/// session alone (<paramref name="SessionId"/>), since anyone may later log in with a freed guest
/// name. <paramref name="TakenBy"/> is the least authority that may take the ownership away: the
/// one who granted it, or an admin for the room's opener.
/// </summary>
internal sealed record RoomOwnerClaim(string UserName, string? SessionId, Authority TakenBy)
{
    /// <summary>A claim for the session's user: by session for a guest, by name for a registered user.</summary>
    public static RoomOwnerClaim For(ChatSession session, Authority takenBy) =>
        new(session.UserName, session.Role == ChatRole.Guest ? session.Id : null, takenBy);

    /// <summary>
    /// Whether the session holds this claim: the very session for a guest's claim; for a claim by
    /// name, a session of that name with a registered role, so a guest (or a user made one) never
    /// owns by name.
    /// </summary>
    public bool Matches(ChatSession session) =>
        string.Equals(UserName, session.UserName, StringComparison.OrdinalIgnoreCase)
        && (SessionId is null ? session.Role != ChatRole.Guest : SessionId == session.Id);
}
