using System;

namespace PushChat.Internal.Chat.Changes;

/// <summary>A user's lines, whispers and actions are refused for <paramref name="Duration"/>; the mute follows the name, not the session.</summary>
internal sealed record UserMuted(string? BySessionId, string UserName, TimeSpan Duration, string? Reason) : ChatChange;
