using System;

namespace PushChat;

/// <summary>A read-only view of a user who is online.</summary>
public sealed class ChatUserInfo
{
    /// <summary>Creates a view; the engine creates these.</summary>
    /// <param name="name">The user's name.</param>
    /// <param name="role">The user's role.</param>
    /// <param name="color">The user's colour as <c>#rrggbb</c>.</param>
    /// <param name="room">The room the user is in.</param>
    /// <param name="joinedAt">When the user joined.</param>
    /// <param name="lastSeen">When the user last proved to be there.</param>
    public ChatUserInfo(string name, ChatRole role, string color, string room, DateTimeOffset joinedAt, DateTimeOffset lastSeen)
    {
        Name = name;
        Role = role;
        Color = color;
        Room = room;
        JoinedAt = joinedAt;
        LastSeen = lastSeen;
    }

    /// <summary>The user's name.</summary>
    public string Name { get; }

    /// <summary>The user's role.</summary>
    public ChatRole Role { get; }

    /// <summary>The user's colour as <c>#rrggbb</c>.</summary>
    public string Color { get; }

    /// <summary>The room the user is in.</summary>
    public string Room { get; }

    /// <summary>When the user joined.</summary>
    public DateTimeOffset JoinedAt { get; }

    /// <summary>When the user last proved to be there (a names refresh, a line, an open stream).</summary>
    public DateTimeOffset LastSeen { get; }
}
