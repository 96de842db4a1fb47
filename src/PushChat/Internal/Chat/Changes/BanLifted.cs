using System.Net;

namespace PushChat.Internal.Chat.Changes;

/// <summary>The ban of a name, or of <paramref name="Address"/> when given, ends now.</summary>
internal sealed record BanLifted(string? BySessionId, string UserName, IPAddress? Address) : ChatChange;
