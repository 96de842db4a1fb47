using System;
using System.Collections.Generic;

namespace PushChat.Rendering;

/// <summary>What the names frame shows.</summary>
public sealed class NamesPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="session">Whose names frame it is.</param>
    /// <param name="users">Who is online in the room, by name.</param>
    /// <param name="refreshInterval">How often an open frame draws its list again when no one came or went.</param>
    /// <param name="now">The server's clock, to show idle times.</param>
    public NamesPage(SessionPage session, IReadOnlyList<ChatUserInfo> users, TimeSpan refreshInterval, DateTimeOffset now)
        : this(session, users, users?.Count ?? 0, Array.Empty<ChatRoomInfo>(), refreshInterval, now)
    {
    }

    /// <summary>Creates the model of a names frame that shows one page of a room's users and the rooms one can join.</summary>
    /// <param name="session">Whose names frame it is.</param>
    /// <param name="users">The first users in the room, by name.</param>
    /// <param name="totalUsers">How many users are in the room; more than <paramref name="users"/> holds in a large room.</param>
    /// <param name="rooms">The rooms, the default room first, with occupancy and topic.</param>
    /// <param name="refreshInterval">How often an open frame draws its list again when no one came or went.</param>
    /// <param name="now">The server's clock, to show idle times.</param>
    /// <param name="error">Why the last room change was refused, or <see langword="null"/>.</param>
    public NamesPage(SessionPage session, IReadOnlyList<ChatUserInfo> users, int totalUsers, IReadOnlyList<ChatRoomInfo> rooms, TimeSpan refreshInterval, DateTimeOffset now, string? error = null)
    {
        Error = error;
        TotalUsers = totalUsers;
        Rooms = rooms;
        Session = session;
        Users = users;
        RefreshInterval = refreshInterval;
        Now = now;
    }

    /// <summary>Whose names frame it is.</summary>
    public SessionPage Session { get; }

    /// <summary>Who is online in the room, by name (the first page of them in a large room).</summary>
    public IReadOnlyList<ChatUserInfo> Users { get; }

    /// <summary>How many users are in the room; in a large room <see cref="Users"/> holds only the first of them.</summary>
    public int TotalUsers { get; }

    /// <summary>Why the last room change was refused, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>The rooms, the default room first, with occupancy and topic; the frame offers to join them.</summary>
    public IReadOnlyList<ChatRoomInfo> Rooms { get; }

    /// <summary>How often an open frame draws its list again when no one came or went (for idle times); the open frame proves the user is still there.</summary>
    public TimeSpan RefreshInterval { get; }

    /// <summary>The server's clock, to show idle times.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The names this user ignores, to offer "ignore" or "unignore" beside each name.</summary>
    public IReadOnlyCollection<string> Ignored { get; init; } = Array.Empty<string>();
}
