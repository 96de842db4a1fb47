using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PushChat.Internal.Chat.State;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Who is online, by name, for the names frames that ask every few seconds. The sorted list is
/// kept until someone joins, leaves or moves (<see cref="ChatState.MembershipVersion"/>), or for a
/// second, which also brings idle times and colours up to date: a colour change alone does not
/// rebuild it. It is rebuilt by the first reader that finds it stale, one at a time, so a crowd of
/// readers after a join costs one rebuild, and never by the request that made the change.
/// </summary>
internal sealed class OnlineList
{
    private readonly ChatState _state;
    private readonly TimeProvider _time;
    private readonly object _rebuild = new();
    private Snapshot _current = new(Array.Empty<ChatUserInfo>(), -1, 0);
    private int _builds;

    public OnlineList(ChatState state, TimeProvider time)
    {
        _state = state;
        _time = time;
    }

    /// <summary>How many times the list was built (for tests).</summary>
    internal int Builds => Volatile.Read(ref _builds);

    /// <summary>The online users by name, as of at most a second ago or the last membership change.</summary>
    public IReadOnlyList<ChatUserInfo> Users()
    {
        var current = Volatile.Read(ref _current);
        if (IsFresh(current))
        {
            return current.Users;
        }

        lock (_rebuild)
        {
            current = _current;
            if (IsFresh(current))
            {
                // Another reader rebuilt it while this one waited.
                return current.Users;
            }

            var version = _state.MembershipVersion;
            var now = _time.GetTimestamp();
            var users = _state.Sessions.All().Where(s => s.JoinedAt is not null && !s.Ended)
                .OrderBy(s => s.UserName, StringComparer.InvariantCultureIgnoreCase)
                .Select(s => s.ToInfo())
                .ToArray();
            current = new Snapshot(users, version, now);
            Interlocked.Increment(ref _builds);
            Volatile.Write(ref _current, current);
            return users;
        }
    }

    private bool IsFresh(Snapshot list) =>
        list.Version == _state.MembershipVersion && _time.GetTimestamp() - list.BuiltAt < _time.TimestampFrequency;

    private sealed class Snapshot
    {
        public Snapshot(ChatUserInfo[] users, int version, long builtAt)
        {
            Users = users;
            Version = version;
            BuiltAt = builtAt;
        }

        public ChatUserInfo[] Users { get; }

        public int Version { get; }

        public long BuiltAt { get; }
    }
}
