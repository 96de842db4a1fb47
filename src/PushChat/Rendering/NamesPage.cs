using System;
using System.Collections.Generic;

namespace PushChat.Rendering;

/// <summary>What the names frame shows.</summary>
public sealed class NamesPage
{
    /// <summary>Creates the model.</summary>
    /// <param name="session">Whose names frame it is.</param>
    /// <param name="users">Who is online in the room, by name.</param>
    /// <param name="refreshInterval">How often the frame should reload itself.</param>
    /// <param name="now">The server's clock, to show idle times.</param>
    public NamesPage(SessionPage session, IReadOnlyList<ChatUserInfo> users, TimeSpan refreshInterval, DateTimeOffset now)
    {
        Session = session;
        Users = users;
        RefreshInterval = refreshInterval;
        Now = now;
    }

    /// <summary>Whose names frame it is.</summary>
    public SessionPage Session { get; }

    /// <summary>Who is online in the room, by name.</summary>
    public IReadOnlyList<ChatUserInfo> Users { get; }

    /// <summary>How often the frame should reload itself (it proves the user is still there).</summary>
    public TimeSpan RefreshInterval { get; }

    /// <summary>The server's clock, to show idle times.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The names this user ignores, to offer "ignore" or "unignore" beside each name.</summary>
    public IReadOnlyCollection<string> Ignored { get; init; } = Array.Empty<string>();
}
