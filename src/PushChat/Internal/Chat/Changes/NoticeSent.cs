using PushChat.Localization;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A notice for one session only (an answer to a command): shown on its open stream, neither
/// numbered nor kept, so it never replaces a room's history. Worded in the session's language.
/// </summary>
internal sealed record NoticeSent(string SessionId, LocalText Text) : ChatChange;
