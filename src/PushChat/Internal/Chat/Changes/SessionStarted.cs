using System.Net;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Chat.Changes;

/// <summary>A user logged in; the session exists but is not in a room until its stream opens.</summary>
internal sealed record SessionStarted(string SessionId, string UserName, ChatRole Role, string Color, IPAddress RemoteAddress, string Room) : ChatChange
{
    /// <summary>
    /// The secret of the session's browser cookie, drawn when the login makes the change, so that
    /// applying it stays deterministic and every node that applies it knows the same secret.
    /// </summary>
    public string BrowserSecret { get; init; } = SessionIds.NewSecret();

    /// <summary>The tag of the language the user chose or their browser asked for; null for the server's default.</summary>
    public string? Language { get; init; }
}
