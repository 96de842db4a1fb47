using System.Net;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Rooms;

/// <summary>Sessions made straight in the chat state, for tests that need many users or a role without logging in over HTTP.</summary>
internal static class RoomSessions
{
    public static ChatEngine Engine(this ChatTestServer chat) => chat.Server.Engine!;

    /// <summary>Starts and announces a session with no stream, its cookie in the helpers' browser; returns it.</summary>
    public static ChatSession Enter(this ChatTestServer chat, string name, ChatRole role = ChatRole.User, string room = "Lobby")
    {
        var state = chat.Engine().State;
        var id = "s-" + name.Replace(' ', '_');
        Assert.IsFalse(state.Apply(new SessionStarted(id, name, role, "#336699", IPAddress.Loopback, room)).IsRefused);
        state.Apply(new SessionJoined(id));
        var session = state.Sessions.Find(id)!;
        chat.KeepCookieOf(session);
        return session;
    }

    public static async Task<T> Signal<T>(this Task<T> task) => await task.WaitAsync(RawHttpClient.SafetyTimeout);
}
