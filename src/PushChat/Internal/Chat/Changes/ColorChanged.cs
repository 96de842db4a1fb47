namespace PushChat.Internal.Chat.Changes;

/// <summary>A session picked another colour (<c>#rrggbb</c>) for its next lines.</summary>
internal sealed record ColorChanged(string SessionId, string Color) : ChatChange;
