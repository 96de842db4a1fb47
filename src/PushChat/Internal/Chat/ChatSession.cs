using System;
using System.Collections.Generic;
using System.Net;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat;

/// <summary>A logged-in user. Only <see cref="ChatState"/> changes it, under its lock; <see cref="LastSeen"/> excepted.</summary>
internal sealed class ChatSession : IPushReader
{
    // Who is ignored, and the stamp from which on. Replaced, never changed: fan-out may read it on
    // any thread while a change swaps it.
    private Dictionary<string, long> _ignored = new(StringComparer.OrdinalIgnoreCase);
    private long _lastSeenTicks;

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

    string IPushReader.SessionId => Id;

    public string UserName { get; }

    /// <summary>The role now: the host may change it (under the state's lock), and every privileged act reads it afresh.</summary>
    public ChatRole Role { get; set; }

    public string Color { get; set; }

    public ChatRoom Room { get; set; }

    public IPAddress RemoteAddress { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The last sign of life; written by any request, so kept as atomic ticks.</summary>
    public DateTimeOffset LastSeen
    {
        get => new(System.Threading.Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);
        set => System.Threading.Interlocked.Exchange(ref _lastSeenTicks, value.UtcTicks);
    }

    /// <summary>Set when the session first opened its chat stream and was announced to the room.</summary>
    public DateTimeOffset? JoinedAt { get; set; }

    public IPushStream? Stream { get; set; }

    /// <summary>When the last stream closed, while no new one is open; starts the leave grace period.</summary>
    public DateTimeOffset? StreamClosedAt { get; set; }

    public bool Ended { get; set; }

    /// <summary>Whom the session ignores now, for its names frame.</summary>
    public IReadOnlyCollection<string> Ignored => System.Threading.Volatile.Read(ref _ignored).Keys;

    public bool Ignores(string userName, long stamp)
    {
        var ignored = System.Threading.Volatile.Read(ref _ignored);
        return ignored.Count != 0 && ignored.TryGetValue(userName, out var since) && since < stamp;
    }

    /// <summary>Starts or stops ignoring a user; an ignore covers lines stamped after <paramref name="stamp"/>.</summary>
    public void SetIgnored(string userName, bool ignore, long stamp)
    {
        var ignored = new Dictionary<string, long>(_ignored, StringComparer.OrdinalIgnoreCase);
        var changed = ignore ? !ignored.ContainsKey(userName) : ignored.Remove(userName);
        if (changed)
        {
            if (ignore)
            {
                ignored[userName] = stamp;
            }

            System.Threading.Volatile.Write(ref _ignored, ignored);
        }
    }

    public ChatUserInfo ToInfo() => new(UserName, Role, Color, Room.Name, JoinedAt ?? CreatedAt, LastSeen);
}
