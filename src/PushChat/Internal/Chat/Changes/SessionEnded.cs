using System;
using PushChat.Localization;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A session ended; its room is told unless <paramref name="Announce"/> is false. An expiry names
/// the last sign of life it saw in <paramref name="IfLastSeen"/>: a session that showed one since
/// (opened its stream, refreshed, spoke) is not ended. A moderator's end says why: <paramref name="Farewell"/>
/// to the session's own stream before it closes, <paramref name="RoomNotice"/> to its room instead of the usual leave notice.
/// </summary>
internal sealed record SessionEnded(string SessionId, ChatLeaveReason Reason, bool Announce, DateTimeOffset? IfLastSeen = null, LocalText? Farewell = null, LocalText? RoomNotice = null) : ChatChange;
