using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The bans (of names and of addresses) and the mutes in force: server-wide mutes by name, room
/// mutes by room and name, so leaving and coming back or logging in again does not end one. Changed and read under the chat
/// state's lock; only <see cref="MayHaveExpired"/> is read without it. An entry that ran out counts
/// as gone at once; <see cref="Sweep"/> forgets it.
/// </summary>
internal sealed class ModerationLists
{
    private readonly TimeProvider _time;
    private readonly int _prefixIPv6;
    private readonly Dictionary<string, ModerationEntry> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ModerationEntry> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModerationEntry> _mutes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ModerationEntry> _roomMutes = new(StringComparer.OrdinalIgnoreCase);
    private long _nextExpiryTicks = long.MaxValue;

    public ModerationLists(TimeProvider time, int prefixIPv6)
    {
        _time = time;
        _prefixIPv6 = prefixIPv6;
    }

    /// <summary>
    /// The key an address is banned under, and its name in notices and the audit: the client as
    /// every per-address limit counts it (<see cref="Infrastructure.AddressKey"/>), so a ban of an
    /// IPv6 address holds its whole prefix.
    /// </summary>
    public string AddressKey(IPAddress address) => Infrastructure.AddressKey.Of(address, _prefixIPv6).ToString();

    public bool MayHaveExpired(DateTimeOffset now) => Interlocked.Read(ref _nextExpiryTicks) <= now.UtcTicks;

    public ModerationEntry? NameBanOf(string userName) => Live(_names, userName);

    public ModerationEntry? AddressBanOf(IPAddress address) => Live(_addresses, AddressKey(address));

    /// <summary>The ban of an address under its key (<see cref="AddressKey"/>).</summary>
    public ModerationEntry? AddressBanOf(string key) => Live(_addresses, key);

    /// <summary>The server-wide mute of the name.</summary>
    public ModerationEntry? MuteOf(string userName) => Live(_mutes, userName);

    /// <summary>The mute of the session's user in the room the session is in now.</summary>
    public ModerationEntry? RoomMuteOf(ChatSession session) => Live(_roomMutes, RoomMuteKey(session.Room.Name, session.UserName));

    /// <summary>What keeps the session from speaking where it is: the later-ending of its server-wide and its room mute.</summary>
    public ModerationEntry? MuteOf(ChatSession session) =>
        (MuteOf(session.UserName), RoomMuteOf(session)) switch
        {
            ({ } server, { } room) => server.Until >= room.Until ? server : room,
            (var server, var room) => server ?? room,
        };

    /// <summary>Mutes <see cref="ModerationEntry.Subject"/> in <see cref="ModerationEntry.Room"/>.</summary>
    public void MuteInRoom(ModerationEntry entry) => Add(_roomMutes, entry, RoomMuteKey(entry.Room!, entry.Subject));

    public bool UnmuteInRoom(string room, string userName) => Lift(_roomMutes, RoomMuteKey(room, userName));

    /// <summary>The room closed: its mutes go with it, so a room opened later under that name starts clean.</summary>
    public void RoomClosed(string room)
    {
        foreach (var key in _roomMutes.Where(pair => string.Equals(pair.Value.Room, room, StringComparison.OrdinalIgnoreCase)).Select(pair => pair.Key).ToArray())
        {
            _roomMutes.Remove(key);
        }
    }

    public void BanName(ModerationEntry entry) => Add(_names, entry);

    public void BanAddress(ModerationEntry entry) => Add(_addresses, entry);

    public void Mute(ModerationEntry entry) => Add(_mutes, entry);

    /// <summary>False when the name was not banned (or its ban had run out).</summary>
    public bool LiftNameBan(string userName) => Lift(_names, userName);

    public bool LiftAddressBan(string key) => Lift(_addresses, key);

    public bool Unmute(string userName) => Lift(_mutes, userName);

    /// <summary>Forgets what ran out and notes when the next entry does.</summary>
    public void Sweep()
    {
        var now = _time.GetUtcNow();
        var next = long.MaxValue;
        foreach (var list in new[] { _names, _addresses, _mutes, _roomMutes })
        {
            foreach (var pair in list.ToArray())
            {
                if (pair.Value.Until <= now)
                {
                    list.Remove(pair.Key);
                }
                else
                {
                    next = Math.Min(next, pair.Value.Until.UtcTicks);
                }
            }
        }

        Interlocked.Exchange(ref _nextExpiryTicks, next);
    }

    // A line break cannot be in a room or user name, so no two pairs share a key.
    private static string RoomMuteKey(string room, string userName) => room + "\n" + userName;

    private ModerationEntry? Live(Dictionary<string, ModerationEntry> entries, string key) =>
        entries.TryGetValue(key, out var entry) && entry.Until > _time.GetUtcNow() ? entry : null;

    private void Add(Dictionary<string, ModerationEntry> entries, ModerationEntry entry) => Add(entries, entry, entry.Subject);

    private void Add(Dictionary<string, ModerationEntry> entries, ModerationEntry entry, string key)
    {
        entries[key] = entry;
        if (entry.Until.UtcTicks < Interlocked.Read(ref _nextExpiryTicks))
        {
            Interlocked.Exchange(ref _nextExpiryTicks, entry.Until.UtcTicks);
        }
    }

    private bool Lift(Dictionary<string, ModerationEntry> entries, string key)
    {
        var live = Live(entries, key) is not null;
        entries.Remove(key);
        return live;
    }
}
