using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Internal.Chat.Sockets;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// Builds what a stream gets before live items (<see cref="StreamReplay"/>): on a first open the
/// room's kept lines and the session's mailbox, merged in the order they were applied; on a resume
/// exactly the items after the reader's cursor, with what it missed; on a move the new room's lines.
/// Runs under the chat state's lock, so live items follow the replay without a gap or a repeat.
/// </summary>
internal sealed class StreamReplays
{
    private readonly SessionRegistry _sessions;
    private readonly TimeProvider _time;

    public StreamReplays(SessionRegistry sessions, TimeProvider time)
    {
        _sessions = sessions;
        _time = time;
    }

    /// <summary>A stream opening in the session's room: everything kept, or what follows <paramref name="from"/>.</summary>
    public StreamReplay Open(ChatSession session, StreamCursor? from)
    {
        var room = session.Room;
        if (from is not { } cursor)
        {
            var fresh = LinePosting.Replay(session, room, withMailbox: true);
            return Build(session, new LogPosition(room.Log.Epoch, 0), new LogPosition(session.Mailbox.Epoch, 0), fresh, Array.Empty<LogMiss>(), isMove: false);
        }

        var missed = new List<LogMiss>();
        var roomRead = ReadAfter(room.Log, cursor.Room, missed);
        // 0:0 is a reader who has nothing of its mailbox yet: it gets all of it, and has missed nothing.
        var mailboxRead = ReadAfter(session.Mailbox, cursor.Mailbox == LogPosition.None ? new LogPosition(session.Mailbox.Epoch, 0) : cursor.Mailbox, missed);
        var items = roomRead.Items.Concat(mailboxRead.Items)
            .Where(item => item.IsFor(session, live: false))
            .OrderBy(item => item.Stamp)
            .ToArray();
        return Build(session, roomRead.Start, mailboxRead.Start, items, missed, isMove: false);
    }

    /// <summary>The replay with what the room's log got since it was read: the reader's own join notice.</summary>
    public static StreamReplay Extend(StreamReplay replay, ChatSession session)
    {
        var room = session.Room;
        var later = room.Log.ReadAfter(replay.RoomHead).Items.Where(item => item.IsFor(session, live: false));
        return replay with { Items = replay.Items.Concat(later).ToArray(), RoomHead = room.Log.HeadPosition };
    }

    /// <summary>A stream that follows its session to <see cref="ChatSession.Room"/>: the room's kept lines.</summary>
    public StreamReplay Move(ChatSession session)
    {
        var room = session.Room;
        var lines = LinePosting.Replay(session, room, withMailbox: false);
        return Build(session, new LogPosition(room.Log.Epoch, 0), session.Mailbox.HeadPosition, lines, Array.Empty<LogMiss>(), isMove: true);
    }

    /// <summary>
    /// The room's presence item: how many are in it now, naming up to
    /// <see cref="SocketAnswers.MaxPresenceUsers"/> of them. One pass over the sessions, and no more
    /// than that many described, so a crowded room's opens stay cheap.
    /// </summary>
    public byte[] Presence(ChatRoom room)
    {
        var count = 0;
        var named = new List<ChatUserInfo>();
        foreach (var session in _sessions.All())
        {
            if (session.Room == room && session.JoinedAt is not null && !session.Ended)
            {
                count++;
                if (named.Count < SocketAnswers.MaxPresenceUsers)
                {
                    named.Add(session.ToInfo());
                }
            }
        }

        return SocketAnswers.Presence(room.Name, named, count, _time.GetUtcNow(), MessageId.None, room.OwnerNames);
    }

    private static (LogPosition Start, IReadOnlyList<PushItem> Items) ReadAfter(ItemLog log, LogPosition after, List<LogMiss> missed)
    {
        var read = log.ReadAfter(after);
        if (read.EpochChanged)
        {
            missed.Add(new LogMiss(log.IsMailbox, -1, Reset: true));
            return (new LogPosition(log.Epoch, 0), read.Items);
        }

        if (read.Missed > 0)
        {
            missed.Add(new LogMiss(log.IsMailbox, read.Missed, Reset: false));
        }

        return (after, read.Items);
    }

    private StreamReplay Build(ChatSession session, LogPosition roomStart, LogPosition mailboxStart, IReadOnlyList<PushItem> items, IReadOnlyList<LogMiss> missed, bool isMove)
    {
        var room = session.Room;
        return new StreamReplay(room.Name, room.Topic, room.Owner, roomStart, mailboxStart, room.Log.HeadPosition, session.Mailbox.HeadPosition, items, missed, () => Presence(room), isMove);
    }
}
