namespace PushChat.Internal.Chat.Changes;

/// <summary>The host gives an online user's session another role; it counts from the next act on.</summary>
internal sealed record RoleChanged(string UserName, ChatRole Role) : ChatChange;
