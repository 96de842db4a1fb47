using PushChat.Localization;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// Every session of a user but <paramref name="KeepSessionId"/> ends, each told
/// <paramref name="Notice"/> on its stream first (after a password change: whoever knew the old
/// password is out).
/// </summary>
internal sealed record OtherSessionsEnded(string UserName, string KeepSessionId, LocalText Notice) : ChatChange;
