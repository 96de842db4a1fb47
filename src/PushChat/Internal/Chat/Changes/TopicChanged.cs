namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A room's topic changed (an empty topic clears it); <paramref name="ChangedBy"/> is null when the
/// server changed it, otherwise <paramref name="BySessionId"/> is the session of that user, whose
/// right to do so is checked when the change is applied.
/// </summary>
internal sealed record TopicChanged(string Room, string Topic, string? ChangedBy, string? BySessionId = null) : ChatChange;
