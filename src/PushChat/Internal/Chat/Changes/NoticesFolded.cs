namespace PushChat.Internal.Chat.Changes;

/// <summary>The joins and leaves a crowded room held back are told, in one line.</summary>
internal sealed record NoticesFolded(string Room) : ChatChange;
