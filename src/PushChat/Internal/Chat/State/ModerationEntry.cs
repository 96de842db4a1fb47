using System;
using PushChat.Internal.Chat.Policy;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// A ban or a mute of <paramref name="Subject"/> (a name as spelt online, or an address): until
/// when, by whom (null for the host), with what authority (only the same or a higher one lifts or
/// shortens it), and why. A room mute names its <paramref name="Room"/>: it holds there only, for
/// the user of that name, until it runs out or the room closes.
/// </summary>
internal sealed record ModerationEntry(string Subject, DateTimeOffset Until, string? By, string? Reason, Authority Authority, string? Room = null);
