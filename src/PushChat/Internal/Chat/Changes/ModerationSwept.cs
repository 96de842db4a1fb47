namespace PushChat.Internal.Chat.Changes;

/// <summary>Forgets the bans and mutes that have run out.</summary>
internal sealed record ModerationSwept : ChatChange;
