namespace PushChat.Internal.Chat.Changes;

/// <summary>A user is put out of the chat by the session <paramref name="BySessionId"/>, or by the host when it is null.</summary>
internal sealed record UserKicked(string? BySessionId, string UserName, string? Reason) : ChatChange;
