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

    public ChatRoom(string name, int historyLength, bool isDefault)
    {
        Name = name;
        IsDefault = isDefault;
        _history = new LineHistory(historyLength);
    }

    public string Name { get; }

    /// <summary>The room everyone starts in; it never goes away.</summary>
    public bool IsDefault { get; }

    public string? Topic { get; set; }

    /// <summary>The name of the user who created the room, who may set its topic and delete its lines; null for rooms of the server.</summary>
    public string? Owner { get; set; }

    /// <summary>The users made owners besides <see cref="Owner"/> (by /op); replaced, never changed, under the chat state's lock.</summary>
    public IReadOnlyCollection<string> Operators { get; private set; } = Array.Empty<string>();

    /// <summary>Whether the user owns the room: opened it, or was made an owner of it.</summary>
    public bool IsOwnedBy(string userName) =>
        (Owner is { } owner && string.Equals(owner, userName, StringComparison.OrdinalIgnoreCase))
        || Operators.Contains(userName, StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes the user an owner, or stops it being one (the one who opened the room included); false when nothing changed.</summary>
    public bool SetOwner(string userName, bool owner)
    {
        if (owner == IsOwnedBy(userName))
        {
            return false;
        }

        if (!owner && Owner is { } opener && string.Equals(opener, userName, StringComparison.OrdinalIgnoreCase))
        {
            Owner = null;
        }

        var others = new HashSet<string>(Operators, StringComparer.OrdinalIgnoreCase);
        if (owner)
        {
            others.Add(userName);
        }
        else
        {
            others.Remove(userName);
        }

        Operators = others.ToArray();
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
        var fanOut = new DrainBatch();
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
