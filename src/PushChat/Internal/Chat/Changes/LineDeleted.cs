namespace PushChat.Internal.Chat.Changes;

/// <summary>A line was taken back: it leaves its room's history.</summary>
internal sealed record LineDeleted(string Room, long Sequence) : ChatChange;
