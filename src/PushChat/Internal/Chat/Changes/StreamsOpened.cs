namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A session has a stream open on a node now, where it had none: it is present, and announced to
/// its room the first time.
/// </summary>
internal sealed record StreamsOpened(string SessionId, string Node) : ChatChange;
