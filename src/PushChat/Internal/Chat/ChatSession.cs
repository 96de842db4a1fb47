using System;
using System.Net;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat;

/// <summary>A logged-in user. Mutable state is guarded by the engine's lock.</summary>
internal sealed class ChatSession
{
    public ChatSession(string id, string userName, ChatRole role, string color, ChatRoom room, IPAddress remoteAddress, DateTimeOffset now)
    {
        Id = id;
        UserName = userName;
        Role = role;
        Color = color;
        Room = room;
        RemoteAddress = remoteAddress;
        CreatedAt = now;
        LastSeen = now;
    }

    public string Id { get; }

    public string UserName { get; }

    public ChatRole Role { get; }

    public string Color { get; }

    public ChatRoom Room { get; }

    public IPAddress RemoteAddress { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Set when the session first opened its chat stream and was announced to the room.</summary>
    public DateTimeOffset? JoinedAt { get; set; }

    public ChatStream? Stream { get; set; }

    /// <summary>When the last stream closed, while no new one is open; starts the leave grace period.</summary>
    public DateTimeOffset? StreamClosedAt { get; set; }

    public bool Ended { get; set; }

    public ChatUserInfo ToInfo() => new(UserName, Role, Color, Room.Name, JoinedAt ?? CreatedAt, LastSeen);
}
