using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Chat;

/// <summary>
/// A room: its numbered lines, recent history and open streams. Only <see cref="ChatState"/>
/// changes it, under its lock, so every reader sees lines in sequence order and a stream that
/// opens gets history and live lines without a gap.
/// </summary>
internal sealed class ChatRoom
{
    private readonly LineHistory _history;
    // Replaced, never changed, when streams come and go: a fan-out hands the array it saw to the
    // dispatcher, which reaches those streams after the change has been applied.
    private IPushStream[] _streams = Array.Empty<IPushStream>();
    private long _lastSequence;

    // The server's fan-out thread, which every line of the room goes through.
    private readonly OutboundDispatcher _dispatcher;

    public ChatRoom(string name, int historyLength, bool isDefault, OutboundDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
        Name = name;
        IsDefault = isDefault;
        _history = new LineHistory(historyLength);
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

    public long LastSequence => System.Threading.Interlocked.Read(ref _lastSequence);

    public int StreamCount => _streams.Length;

    public long NextSequence() => System.Threading.Interlocked.Increment(ref _lastSequence);

    /// <summary>
    /// Keeps the line and hands it, with the room's streams as they are now, to the fan-out
    /// dispatcher, which queues it to every stream whose reader may see it. Called under the chat
    /// state's lock, so lines reach the dispatcher, and every reader, in sequence order.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <param name="now">The clock's timestamp now.</param>
    /// <param name="only">The streams of a private line's audience, wherever they are, instead of the room's.</param>
    /// <returns>How many streams the line was handed to.</returns>
    public int Publish(ChatLine line, long now, IPushStream[]? only = null)
    {
        _history.Add(line);
        var streams = only ?? _streams;
        var fanOut = new DrainBatch(_dispatcher);
        fanOut.FanOut(streams, line, now);
        fanOut.Schedule();
        return streams.Length;
    }

    /// <summary>Replays the history this stream's reader may see, then adds it for every new line.</summary>
    public void Subscribe(IPushStream stream, long now)
    {
        stream.Replay(_history.OldestFirst().Where(line => line.IsFor(stream.Reader, live: false)).ToArray(), now);

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

    /// <summary>Takes the line out of the history; null when it is no longer kept.</summary>
    public ChatLine? Delete(long sequence) => _history.Remove(sequence);

    public IEnumerable<ChatLine> HistoryAfter(long sequence) => _history.After(sequence);
}
