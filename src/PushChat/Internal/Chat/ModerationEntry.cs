using System;

namespace PushChat.Internal.Chat;

/// <summary>A ban or a mute of <paramref name="Subject"/> (a name as spelt online, or an address): until when, by whom (null for the host) and why.</summary>
internal sealed record ModerationEntry(string Subject, DateTimeOffset Until, string? By, string? Reason);
