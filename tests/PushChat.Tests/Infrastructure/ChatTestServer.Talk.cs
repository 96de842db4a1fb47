namespace PushChat.Tests.Infrastructure;

public sealed partial class ChatTestServer
{
    /// <summary>Posts the talk form with its pickers, as a browser sends it.</summary>
    public Task<RawResponse> TalkAsync(string sessionId, string text, string to = "", bool isPrivate = false, string action = "", string color = "") =>
        RequestAsync(Post(ChatRoutes.Say, $"sid={sessionId}&text={Uri.EscapeDataString(text)}&to={Uri.EscapeDataString(to)}{(isPrivate ? "&private=1" : string.Empty)}&action={Uri.EscapeDataString(action)}&color={Uri.EscapeDataString(color)}"));

    /// <summary>Logs in and opens the chat frame, waiting until the user's own join arrived.</summary>
    public async Task<(string Sid, RawHttpClient Chat)> EnterAsync(string name, System.Net.IPAddress? from = null)
    {
        var sid = await LoginAsync(name, from: from);
        return (sid, await OpenChatAsync(sid, $"{name} joined.", from));
    }
}
