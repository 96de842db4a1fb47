using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace PushChat.Internal.Chat;

/// <summary>The rooms by name (case-insensitive), the default room first. Rooms are added by <see cref="ChatState"/> only.</summary>
internal sealed class RoomDirectory
{
    private readonly ConcurrentDictionary<string, ChatRoom> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _historyLength;

    public RoomDirectory(string defaultRoom, int historyLength)
    {
        _historyLength = historyLength;
        Default = new ChatRoom(defaultRoom, historyLength, isDefault: true);
        _rooms[defaultRoom] = Default;
    }

    public ChatRoom Default { get; }

    public ChatRoom? Find(string name) => _rooms.TryGetValue(name, out var room) ? room : null;

    public ChatRoom GetOrAdd(string name) => _rooms.GetOrAdd(name, n => new ChatRoom(n, _historyLength, isDefault: false));

    /// <summary>The default room, then the others by name.</summary>
    public IReadOnlyList<ChatRoom> All() =>
        _rooms.Values.OrderBy(r => !r.IsDefault).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToArray();
}
