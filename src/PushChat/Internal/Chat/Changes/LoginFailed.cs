using System.Net;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A wrong password for the account or name under <paramref name="Key"/> (see
/// <see cref="Services.LoginKeys"/>), typed as <paramref name="UserName"/> from
/// <paramref name="Address"/>: counted on every node, so a lock-out holds wherever the next
/// attempt lands. Refused with 429 when the key is locked, by this failure or an earlier one.
/// </summary>
internal sealed record LoginFailed(string Key, string UserName, IPAddress Address) : ChatChange;
