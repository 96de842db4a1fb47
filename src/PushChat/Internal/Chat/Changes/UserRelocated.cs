namespace PushChat.Internal.Chat.Changes;

/// <summary>The host moves an online user to another room.</summary>
internal sealed record UserRelocated(string UserName, string Room) : ChatChange;
