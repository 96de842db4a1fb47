using System;
using System.Net;

namespace PushChat;

/// <summary>
/// A read-only view of a session for the host's moderation: who, from where, in which room, with
/// which role, idle for how long. It never carries the session id, which is the user's secret.
/// </summary>
public sealed class ChatSessionInfo
{
    /// <summary>Creates a view; the engine creates these.</summary>
    /// <param name="name">The user's name.</param>
    /// <param name="role">The session's role now.</param>
    /// <param name="room">The room the session is in.</param>
    /// <param name="remoteAddress">The address the user logged in from.</param>
    /// <param name="idleTime">How long since the session last showed a sign of life.</param>
    /// <param name="loggedInAt">When the user logged in.</param>
    /// <param name="mutedUntil">When the user's mute ends, or <see langword="null"/> when not muted.</param>
    public ChatSessionInfo(string name, ChatRole role, string room, IPAddress remoteAddress, TimeSpan idleTime, DateTimeOffset loggedInAt, DateTimeOffset? mutedUntil)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Role = role;
        Room = room ?? throw new ArgumentNullException(nameof(room));
        RemoteAddress = remoteAddress ?? throw new ArgumentNullException(nameof(remoteAddress));
        IdleTime = idleTime;
        LoggedInAt = loggedInAt;
        MutedUntil = mutedUntil;
    }

    /// <summary>The user's name.</summary>
    public string Name { get; }

    /// <summary>The session's role now (<see cref="ChatServer.SetRole"/> changes it).</summary>
    public ChatRole Role { get; }

    /// <summary>The room the session is in.</summary>
    public string Room { get; }

    /// <summary>The address the user logged in from.</summary>
    public IPAddress RemoteAddress { get; }

    /// <summary>How long since the session last showed a sign of life (a line, a names refresh, an open stream).</summary>
    public TimeSpan IdleTime { get; }

    /// <summary>When the user logged in.</summary>
    public DateTimeOffset LoggedInAt { get; }

    /// <summary>When the user's mute ends, or <see langword="null"/> when the user may speak.</summary>
    public DateTimeOffset? MutedUntil { get; }
}
