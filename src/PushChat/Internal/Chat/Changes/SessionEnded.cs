namespace PushChat.Internal.Chat.Changes;

/// <summary>A session ended; its room is told unless <paramref name="Announce"/> is false.</summary>
internal sealed record SessionEnded(string SessionId, ChatLeaveReason Reason, bool Announce) : ChatChange;
