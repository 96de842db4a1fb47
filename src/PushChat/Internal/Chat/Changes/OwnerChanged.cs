namespace PushChat.Internal.Chat.Changes;

/// <summary>An online user becomes (<paramref name="Owner"/>) or stops being an owner of the room the user is in.</summary>
internal sealed record OwnerChanged(string? BySessionId, string UserName, bool Owner) : ChatChange;
