namespace PushChat.Tests.Infrastructure;

public sealed partial class ChatTestServer
{
    /// <summary>
    /// The cookies of the one browser the helpers act as: a login or registration stores its
    /// session's cookie here, and every request sent through <see cref="ConnectAsync"/> (so
    /// through every helper) carries all of them, as a browser sends every cookie of the origin.
    /// A client from <see cref="RawHttpClient.ConnectAsync"/> is another browser with no cookies.
    /// </summary>
    public CookieJar Cookies { get; } = new();
}
