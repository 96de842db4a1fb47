namespace PushChat.Internal.Chat.Changes;

/// <summary>An admin asks from which address a user is online; the answer is a notice to the admin alone.</summary>
internal sealed record AddressLookedUp(string BySessionId, string UserName) : ChatChange;
