namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// One change of the chat's shared state: small, immutable and complete, so that it can be
/// applied in order by <see cref="ChatState"/> here and, later, travel to other nodes.
/// </summary>
internal abstract record ChatChange;
