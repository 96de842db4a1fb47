using System;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A session ended; its room is told unless <paramref name="Announce"/> is false. An expiry names
/// the last sign of life it saw in <paramref name="IfLastSeen"/>: a session that showed one since
/// (opened its stream, refreshed, spoke) is not ended.
/// </summary>
internal sealed record SessionEnded(string SessionId, ChatLeaveReason Reason, bool Announce, DateTimeOffset? IfLastSeen = null) : ChatChange;
