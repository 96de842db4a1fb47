namespace PushChat.Internal.Chat.Changes;

/// <summary>A room's topic changed (an empty topic clears it); <paramref name="ChangedBy"/> is null when the server changed it.</summary>
internal sealed record TopicChanged(string Room, string Topic, string? ChangedBy) : ChatChange;
