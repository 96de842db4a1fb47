namespace PushChat.Internal.Chat.Changes;

/// <summary>A session started or stopped ignoring a user's lines.</summary>
internal sealed record IgnoreChanged(string SessionId, string UserName, bool Ignore) : ChatChange;
