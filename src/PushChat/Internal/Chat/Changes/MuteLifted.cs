namespace PushChat.Internal.Chat.Changes;

/// <summary>A user's mute ends now.</summary>
internal sealed record MuteLifted(string? BySessionId, string UserName) : ChatChange;
