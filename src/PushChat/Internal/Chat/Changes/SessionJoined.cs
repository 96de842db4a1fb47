namespace PushChat.Internal.Chat.Changes;

/// <summary>A session opened its stream for the first time and is announced to its room.</summary>
internal sealed record SessionJoined(string SessionId) : ChatChange;
