using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using PushChat.Users;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// Sessions by id, by name and by the look of their name (<see cref="UserNames.Skeleton"/>).
/// Lookups take no lock (every request makes one); additions and removals are made by
/// <see cref="ChatState"/> under its lock.
/// </summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, ChatSession> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChatSession> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ChatSession> _bySkeleton = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public ChatSession? Find(string id) => _byId.TryGetValue(id, out var session) ? session : null;

    public ChatSession? FindByName(string name) => _byName.TryGetValue(name, out var session) ? session : null;

    /// <summary>The session whose name is this one in any case, or looks like it.</summary>
    public ChatSession? FindLookAlike(string name) =>
        FindByName(name) ?? (_bySkeleton.TryGetValue(UserNames.Skeleton(name), out var session) ? session : null);

    public void Add(ChatSession session)
    {
        _byId[session.Id] = session;
        _byName[session.UserName] = session;
        _bySkeleton[UserNames.Skeleton(session.UserName)] = session;
    }

    public void Remove(ChatSession session)
    {
        _byId.TryRemove(session.Id, out _);
        _byName.TryRemove(session.UserName, out _);
        ((ICollection<KeyValuePair<string, ChatSession>>)_bySkeleton).Remove(new(UserNames.Skeleton(session.UserName), session));
    }

    public IEnumerable<ChatSession> All() => _byId.Values;

    /// <summary>
    /// The sessions in the order they started: the same on every node of a scaled-out chat, where
    /// <see cref="All"/>'s order is not. A change that acts on several sessions goes by it.
    /// </summary>
    public IEnumerable<ChatSession> InStartOrder() =>
        _byId.Values.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal);
}
