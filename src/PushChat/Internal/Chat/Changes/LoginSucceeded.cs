namespace PushChat.Internal.Chat.Changes;

/// <summary>A right password: the key's failures and earlier locks are forgotten on every node.</summary>
internal sealed record LoginSucceeded(string Key) : ChatChange;
