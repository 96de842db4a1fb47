using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The rooms by name (case-insensitive) and by look, the default room first. Lookups take no
/// lock; rooms are added and removed by <see cref="ChatState"/> only, under its lock.
/// </summary>
internal sealed class RoomDirectory
{
    private readonly ConcurrentDictionary<string, ChatRoom> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ChatRoom> _byLook = new(StringComparer.Ordinal);
    private readonly ChatLogs _logs;
    private readonly IFanOut _fanOut;

    /// <param name="defaultRoom">The name of the room everyone starts in.</param>
    /// <param name="logs">Gives each room, the default room first, its log.</param>
    /// <param name="fanOut">Where rooms send their items.</param>
    public RoomDirectory(string defaultRoom, ChatLogs logs, IFanOut fanOut)
    {
        _logs = logs;
        _fanOut = fanOut;
        Default = new ChatRoom(defaultRoom, logs.NewRoomLog(), fanOut, isDefault: true) { IsPermanent = true };
        Add(Default);
    }

    public ChatRoom Default { get; }

    public int Count => _rooms.Count;

    public ChatRoom? Find(string name) => _rooms.TryGetValue(name, out var room) ? room : null;

    /// <summary>A room whose name looks like <paramref name="name"/>, though spelled otherwise.</summary>
    public ChatRoom? FindLookAlike(string name) => _byLook.TryGetValue(RoomNameRules.LookKey(name), out var room) ? room : null;

    public ChatRoom Create(string name, RoomOwnerClaim? opener, string? topic, bool permanent)
    {
        var room = new ChatRoom(name, _logs.NewRoomLog(), _fanOut, isDefault: false) { Opener = opener, Topic = topic, IsPermanent = permanent };
        Add(room);
        return room;
    }

    public void Remove(ChatRoom room)
    {
        _rooms.TryRemove(room.Name, out _);
        _byLook.TryRemove(RoomNameRules.LookKey(room.Name), out _);
    }

    /// <summary>How many open rooms the session opened (and still owns for that).</summary>
    public int OpenedBy(ChatSession session) => _rooms.Values.Count(r => r.IsOpenedBy(session));

    /// <summary>The default room, then the others by name.</summary>
    public IReadOnlyList<ChatRoom> All() =>
        _rooms.Values.OrderBy(r => !r.IsDefault).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToArray();

    private void Add(ChatRoom room)
    {
        _rooms[room.Name] = room;
        _byLook[RoomNameRules.LookKey(room.Name)] = room;
    }
}
