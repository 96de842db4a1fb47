using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Accounts;

/// <summary>The registration and password forms as a browser posts them.</summary>
internal static partial class AccountForms
{
    public static Task<RawResponse> RegisterAsync(this ChatTestServer chat, string name, string password, string? confirm = null) =>
        chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Register, $"name={Uri.EscapeDataString(name)}&password={Uri.EscapeDataString(password)}&confirm={Uri.EscapeDataString(confirm ?? password)}"));

    public static Task<RawResponse> ChangePasswordAsync(this ChatTestServer chat, string sid, string current, string password, string? confirm = null) =>
        chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Password, $"sid={sid}&current={Uri.EscapeDataString(current)}&password={Uri.EscapeDataString(password)}&confirm={Uri.EscapeDataString(confirm ?? password)}"));

    public static Task<RawResponse> TryLoginAsync(this ChatTestServer chat, string name, string password) =>
        chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, $"name={Uri.EscapeDataString(name)}&password={Uri.EscapeDataString(password)}"));

    public static Task<RawResponse> LeaveAsync(this ChatTestServer chat, string sid) =>
        chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={sid}"));

    /// <summary>The session id a redirect into the chat carries.</summary>
    public static string SessionOf(RawResponse response)
    {
        Assert.AreEqual(303, response.Status, response.Body);
        var match = SessionInRoom().Match(response.Headers["Location"]);
        Assert.IsTrue(match.Success, response.Headers["Location"]);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^/room\?sid=([A-Za-z0-9_-]+)$")]
    private static partial Regex SessionInRoom();
}
