using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Moderation;

/// <summary>A server with an admin (root) and a registered user (ursula), both with the password "password".</summary>
internal static class ModerationSetup
{
    public const string Password = "password";

    public static async Task<ChatTestServer> StartAsync(Action<ChatServerOptions>? configure = null)
    {
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("root", Password, ChatRole.Admin), default);
        await users.CreateAsync(PushChat.Users.UserAccount.Create("ursula", Password, ChatRole.User), default);
        return await ChatTestServer.StartAsync(o =>
        {
            o.UserStore = users;

            // Bans and mutes run for minutes on the fake clock; idle sessions must not end meanwhile.
            o.SessionIdleTimeout = TimeSpan.FromDays(1);
            configure?.Invoke(o);
        });
    }

    /// <summary>Logs in with a password, opens the chat frame and waits for the user's own join.</summary>
    public static async Task<(string Sid, RawHttpClient Chat)> EnterAsync(ChatTestServer chat, string name, string password = "")
    {
        var sid = await chat.LoginAsync(name, password);
        return (sid, await chat.OpenChatAsync(sid, $"{name} joined."));
    }

    /// <summary>Moves a session to a room (opening it, owned by the session's user, when there is none) and waits until its frame shows the move.</summary>
    public static async Task JoinAsync(ChatTestServer chat, string sid, RawHttpClient stream, string name, string room)
    {
        stream.ClearStreamText();
        var joined = await chat.SayAsync(sid, $"/join {room}");
        Assert.AreEqual(303, joined.Status, joined.Body);
        await stream.ReadStreamUntilAsync($"{name} joined.");
    }
}
