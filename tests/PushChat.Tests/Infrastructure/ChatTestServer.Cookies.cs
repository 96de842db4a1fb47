using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;

namespace PushChat.Tests.Infrastructure;

public sealed partial class ChatTestServer
{
    /// <summary>
    /// The cookies of the one browser the helpers act as: a login or registration stores its
    /// session's cookie here, and every request sent through <see cref="ConnectAsync"/> (so
    /// through every helper) carries all of them, as a browser sends every cookie of the origin.
    /// A client from <see cref="RawHttpClient.ConnectAsync"/> is another browser with no cookies.
    /// </summary>
    public CookieJar Cookies { get; }

    /// <summary>Puts the cookie a login would have set into <see cref="Cookies"/>, for a session made straight in the chat state.</summary>
    internal void KeepCookieOf(ChatSession session)
    {
        var options = Server.Engine!.Options;
        var name = new SessionCookies(options.RequireSessionCookie, secure: options.Certificate is not null).NameOf(session.Id);
        Cookies.Receive(new RawResponse(200, new Dictionary<string, string>(), string.Empty, string.Empty) { SetCookies = [$"{name}={session.BrowserSecret}"] });
    }
}
