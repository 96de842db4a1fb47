using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// A room: its log of lines, notices and deletions, and its open streams. Only
/// <see cref="ChatState"/> changes it, under its lock, so every reader sees items in log order and
/// a stream that opens gets history and live lines without a gap.
/// </summary>
internal sealed class ChatRoom
{
    // Replaced, never changed, when streams come and go: a fan-out hands the array it saw to the
    // dispatcher, which reaches those streams after the change has been applied.
    private IPushStream[] _streams = Array.Empty<IPushStream>();
    private readonly IFanOut _fanOut;

    /// <param name="name">The room's name.</param>
    /// <param name="log">Its log, of a new epoch.</param>
    /// <param name="isDefault">Whether it is the room everyone starts in.</param>
    /// <param name="fanOut">Where its items go to its readers.</param>
    public ChatRoom(string name, ItemLog log, IFanOut fanOut, bool isDefault)
    {
        _fanOut = fanOut;
        Name = name;
        IsDefault = isDefault;
        Log = log;
    }

    public string Name { get; }

    /// <summary>The room everyone starts in; it never goes away.</summary>
    public bool IsDefault { get; }

    public string? Topic { get; set; }

    /// <summary>The name of the user who opened the room; null for rooms of the server, or once the opener stepped down.</summary>
    public string? Owner => Opener?.UserName;

    /// <summary>Who opened the room and owns it for that; changed under the chat state's lock.</summary>
    public RoomOwnerClaim? Opener { get; set; }

    /// <summary>The owners besides <see cref="Opener"/> (by /op); replaced, never changed, under the chat state's lock.</summary>
    public IReadOnlyList<RoomOwnerClaim> Operators { get; private set; } = Array.Empty<RoomOwnerClaim>();

    /// <summary>The names of the room's owners, its opener's and those made owners; read from any thread (the claims are replaced, never changed).</summary>
    public IReadOnlyCollection<string> OwnerNames =>
        (Opener is { } opener ? new[] { opener.UserName } : Array.Empty<string>()).Concat(Operators.Select(c => c.UserName)).ToArray();

    /// <summary>Whether the session's user owns the room: opened it, or was made an owner of it (a guest in that session only).</summary>
    public bool IsOwnedBy(ChatSession session) => ClaimOf(session) is not null;

    /// <summary>Whether the session opened the room.</summary>
    public bool IsOpenedBy(ChatSession session) => Opener is { } opener && opener.Matches(session);

    /// <summary>The session's claim to own the room, or null.</summary>
    public RoomOwnerClaim? ClaimOf(ChatSession session) =>
        Opener is { } opener && opener.Matches(session) ? opener : Operators.FirstOrDefault(c => c.Matches(session));

    /// <summary>Makes the session's user an owner; false when it owns the room already.</summary>
    public bool AddOwner(RoomOwnerClaim claim, ChatSession session)
    {
        if (IsOwnedBy(session))
        {
            return false;
        }

        Operators = Operators.Where(c => !string.Equals(c.UserName, claim.UserName, StringComparison.OrdinalIgnoreCase)).Append(claim).ToArray();
        return true;
    }

    /// <summary>Stops the session's user being an owner (the opener included); false when it was none.</summary>
    public bool RemoveOwner(ChatSession session)
    {
        if (!IsOwnedBy(session))
        {
            return false;
        }

        if (IsOpenedBy(session))
        {
            Opener = null;
        }

        Operators = Operators.Where(c => !c.Matches(session)).ToArray();
        return true;
    }

    /// <summary>The default room and rooms the host opened: they never close by themselves.</summary>
    public bool IsPermanent { get; init; }

    /// <summary>The sessions in the room, joined or about to; changed under the chat state's lock.</summary>
    public int Occupants { get; private set; }

    /// <summary>Since when nobody has been in the room; null while someone is.</summary>
    public DateTimeOffset? EmptySince { get; private set; }

    public FoldedNotices Folded { get; } = new();

    /// <summary>The room's lines, notices, topic changes and deletions, at their positions.</summary>
    public ItemLog Log { get; }

    /// <summary>The position of the room's newest item; the sequence of its newest line, or later.</summary>
    public long LastSequence => Log.Head;

    public int StreamCount => _streams.Length;

    /// <summary>
    /// Appends the item to the log and hands it, with the room's streams as they are now, to the
    /// fan-out dispatcher, which queues it to every stream whose reader may see it. Called under
    /// the chat state's lock, so items reach the dispatcher, and every reader, in log order.
    /// </summary>
    /// <returns>How many streams the item was handed to.</returns>
    public int Publish(PushItem item, long now)
    {
        Log.Append(item);
        _fanOut.To(_streams, item, now);
        return _streams.Length;
    }

    /// <summary>Hands the stream its replay, then adds it for every new item.</summary>
    public void Subscribe(IPushStream stream, StreamReplay replay, long now)
    {
        stream.Replay(replay, now);

        var streams = new IPushStream[_streams.Length + 1];
        _streams.CopyTo(streams, 0);
        streams[_streams.Length] = stream;
        _streams = streams;
    }

    public void Unsubscribe(IPushStream stream)
    {
        var index = Array.IndexOf(_streams, stream);
        if (index < 0)
        {
            return;
        }

        var streams = new IPushStream[_streams.Length - 1];
        Array.Copy(_streams, 0, streams, 0, index);
        Array.Copy(_streams, index + 1, streams, index, streams.Length - index);
        _streams = streams;
    }

    public void Enter()
    {
        Occupants++;
        EmptySince = null;
    }

    public void Leave(DateTimeOffset now)
    {
        if (--Occupants == 0)
        {
            EmptySince = now;
        }
    }

    /// <summary>Starts the grace period of a room nobody entered yet.</summary>
    public void Opened(DateTimeOffset now) => EmptySince = Occupants == 0 ? now : null;

    public ChatRoomInfo ToInfo() => new(Name, Occupants, LastSequence, Topic, Owner);

    /// <summary>The open streams now; an array the room never changes, so a fan-out may keep it.</summary>
    public IPushStream[] Streams => _streams;

    /// <summary>The kept lines after <paramref name="sequence"/> that are not deleted, oldest first.</summary>
    public IEnumerable<ChatLine> LinesAfter(long sequence) => Log.ReadAfter(new LogPosition(Log.Epoch, sequence)).Items.OfType<ChatLine>();

    /// <summary>Marks the kept line at <paramref name="sequence"/> deleted; null when there is no such line (any more).</summary>
    public ChatLine? Delete(long sequence)
    {
        if (Log.Find(sequence) is not ChatLine { IsDeleted: false } line)
        {
            return null;
        }

        line.MarkDeleted();
        return line;
    }
}
