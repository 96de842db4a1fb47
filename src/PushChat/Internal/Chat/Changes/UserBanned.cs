using System;
using System.Net;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A ban for <paramref name="Duration"/>: of <paramref name="Address"/> when given (the host), of
/// the address <paramref name="UserName"/> is online from when <paramref name="ByAddress"/>,
/// otherwise of the name. Sessions it hits end.
/// </summary>
internal sealed record UserBanned(string? BySessionId, string UserName, bool ByAddress, IPAddress? Address, TimeSpan Duration, string? Reason) : ChatChange;
