using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace PushChat.Internal.Chat;

/// <summary>
/// Sessions by id and by name. Lookups take no lock (every request makes one); additions and
/// removals are made by <see cref="ChatState"/> under its lock.
/// </summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, ChatSession> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChatSession> _byName = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _byId.Count;

    public ChatSession? Find(string id) => _byId.TryGetValue(id, out var session) ? session : null;

    public ChatSession? FindByName(string name) => _byName.TryGetValue(name, out var session) ? session : null;

    public void Add(ChatSession session)
    {
        _byId[session.Id] = session;
        _byName[session.UserName] = session;
    }

    public void Remove(ChatSession session)
    {
        _byId.TryRemove(session.Id, out _);
        _byName.TryRemove(session.UserName, out _);
    }

    public IEnumerable<ChatSession> All() => _byId.Values;
}
