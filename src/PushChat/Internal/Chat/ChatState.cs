using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Chat;

/// <summary>
/// The chat's state: sessions and rooms. Every change is applied here, one at a time under one
/// lock, which is also where lines get their per-room sequence numbers and are handed to the
/// fan-out dispatcher; so joins, lines and leaves reach every reader and every host event in one
/// order. Ended streams say goodbye, and loggers and metric listeners run, after the lock.
/// </summary>
internal sealed class ChatState
{
    private const string ShuttingDown = "The chat server is shutting down. Please come back later.";

    private readonly object _gate = new();
    private readonly LineEncoders _encoders;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatEvents _events;
    private readonly ChatMetrics _metrics;
    private readonly int _maxSessions;
    private readonly RoomChanges _roomChanges;
    private int _membershipVersion;

    // Orders lines and ignores: a reader ignores the lines stamped after its ignore.
    private long _stamp;
    private bool _closed;

    public ChatState(ChatServerOptions options, LineEncoders encoders, TimeProvider time, ILogger logger, IChatEvents events, ChatMetrics metrics)
    {
        _encoders = encoders;
        _time = time;
        _logger = logger;
        _events = events;
        _metrics = metrics;
        _maxSessions = options.Limits.MaxSessions;
        Rooms = new RoomDirectory(options.DefaultRoom, options.HistoryLength);
        _roomChanges = new RoomChanges(options, Rooms, Sessions, time, logger, events, Post, () => Interlocked.Increment(ref _membershipVersion));
    }

    /// <summary>Raised after a chat stream's transport closed; lets tests know the server saw it.</summary>
    public event Action<ChatSession>? StreamClosed;

    public SessionRegistry Sessions { get; } = new();

    public RoomDirectory Rooms { get; }

    /// <summary>Changes whenever someone joins, leaves or moves; lets readers of the online list cache it.</summary>
    public int MembershipVersion => Volatile.Read(ref _membershipVersion);

    private DateTimeOffset Now => _time.GetUtcNow();

    public ChangeResult Apply(ChatChange change)
    {
        var after = new AfterChange(_logger);
        try
        {
            lock (_gate)
            {
                return change switch
                {
                    LinePosted posted => Post(posted, after),
                    SessionStarted started => Start(started, after),
                    SessionJoined joined => Join(joined, after),
                    SessionEnded ended => End(ended, after),
                    SessionMoved moved => Move(moved, after),
                    TopicChanged topic => ChangeTopic(topic, after),
                    RoomCreated created => _closed ? ChangeResult.Refused(503, ShuttingDown) : _roomChanges.Create(created, after),
                    RoomClosed closed => _roomChanges.Close(closed, after),
                    NoticesFolded folded => _roomChanges.Unfold(folded, after),
                    LineDeleted deleted => Delete(deleted),
                    IgnoreChanged ignore => Ignore(ignore),
                    _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Unknown chat change."),
                };
            }
        }
        finally
        {
            // Whatever happened under the lock, writers it woke must start and streams it ended must close.
            after.Run();
        }
    }

    /// <summary>From now on no session starts; the ones there stay until they end.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    /// <summary>
    /// Opens a session's stream on this node: it replaces an older one, replays the room's
    /// history and gets every new line; the first one announces the session to its room. False
    /// when the session has ended or the transport closed before it could start.
    /// </summary>
    public bool OpenStream(ChatSession session, Func<IPushStream> open)
    {
        var after = new AfterChange(_logger);
        try
        {
            lock (_gate)
            {
                return OpenUnderLock(session, open, after);
            }
        }
        finally
        {
            after.Run();
        }
    }

    private bool OpenUnderLock(ChatSession session, Func<IPushStream> open, AfterChange after)
    {
        if (session.Ended)
        {
            return false;
        }

        if (session.Stream is { } replaced)
        {
            // The same session opened its chat again (a reload): the old frame is gone.
            session.Room.Unsubscribe(replaced);
            session.Stream = null;
            after.End(replaced);
        }

        var stream = open();
        session.LastSeen = Now;
        if (stream.IsClosed)
        {
            session.StreamClosedAt = Now;
            return false;
        }

        session.Stream = stream;
        session.StreamClosedAt = null;
        session.Room.Subscribe(stream, _time.GetTimestamp());
        if (session.JoinedAt is null)
        {
            Join(new SessionJoined(session.Id), after);
        }

        return true;
    }

    /// <summary>A stream's transport closed: the session keeps its place for the grace period.</summary>
    public void OnStreamClosed(IPushStream stream)
    {
        var session = (ChatSession)stream.Reader;
        lock (_gate)
        {
            session.Room.Unsubscribe(stream);
            if (session.Stream == stream)
            {
                session.Stream = null;
                session.StreamClosedAt = Now;
            }
        }

        StreamClosed?.Invoke(session);
    }

    private ChangeResult Post(LinePosted posted, AfterChange after)
    {
        ChatRoom? room;
        if (posted.SenderSessionId is { } senderId)
        {
            if (Sessions.Find(senderId) is not { Ended: false } sender)
            {
                return ChangeResult.Refused(404, "Your session has ended.");
            }

            room = sender.Room;
        }
        else
        {
            room = Rooms.Find(posted.Room);
        }

        if (room is null)
        {
            return ChangeResult.Refused(404, $"There is no room called {posted.Room}.");
        }

        var message = new ChatMessage(room.Name, room.NextSequence(), posted.Kind, posted.Sender, posted.SenderColor, posted.Text, Now);
        var delivered = room.Publish(new ChatLine(message, posted.Audience, _encoders, ++_stamp), _time.GetTimestamp());
        after.Notify(() =>
        {
            _metrics.LinesPosted.Add(1);
            _metrics.Deliveries.Add(delivered);
        });
        _events.MessagePosted(message);
        return ChangeResult.Posted(message);
    }

    private ChangeResult Start(SessionStarted started, AfterChange after)
    {
        if (_closed)
        {
            return ChangeResult.Refused(503, ShuttingDown);
        }

        if (Sessions.FindByName(started.UserName) is not null)
        {
            return ChangeResult.Refused(409, $"{started.UserName} is already in the chat. Pick another name, or leave the other session first.");
        }

        if (Sessions.Count >= _maxSessions)
        {
            return ChangeResult.Refused(503, "The chat is full. Please try again later.");
        }

        var room = Rooms.Find(started.Room) ?? Rooms.Default;
        if (_roomChanges.IsFull(room))
        {
            return ChangeResult.Refused(503, $"{room.Name} is full. Please pick another room.");
        }

        room.Enter();
        Sessions.Add(new ChatSession(started.SessionId, started.UserName, started.Role, started.Color, room, started.RemoteAddress, Now));
        after.Notify(() => _metrics.Sessions.Add(1));
        return ChangeResult.Applied;
    }

    private ChangeResult Join(SessionJoined joined, AfterChange after)
    {
        if (Sessions.Find(joined.SessionId) is not { Ended: false, JoinedAt: null } session)
        {
            return ChangeResult.Applied;
        }

        session.JoinedAt = Now;
        Interlocked.Increment(ref _membershipVersion);
        var (name, roomName) = (session.UserName, session.Room.Name);
        after.Notify(() => Log.UserJoined(_logger, name, roomName));
        _roomChanges.Announce(session.Room, session.UserName, $"{session.UserName} joined.", joined: true, after);
        _events.UserJoined(session.ToInfo());
        return ChangeResult.Applied;
    }

    private ChangeResult End(SessionEnded ended, AfterChange after)
    {
        if (Sessions.Find(ended.SessionId) is not { Ended: false } session
            || (ended.Reason == ChatLeaveReason.Disconnected && session.Stream is not null)
            || (ended.IfLastSeen is { } seen && session.LastSeen != seen))
        {
            // Gone already, or it came back before an expiry was applied.
            return ChangeResult.Applied;
        }

        session.Ended = true;
        Sessions.Remove(session);
        Interlocked.Increment(ref _membershipVersion);
        after.Notify(() => _metrics.Sessions.Add(-1));
        if (session.JoinedAt is not null)
        {
            var (name, roomName) = (session.UserName, session.Room.Name);
            after.Notify(() => Log.UserLeft(_logger, name, roomName, ended.Reason));
            if (ended.Announce)
            {
                _roomChanges.Announce(session.Room, session.UserName, LeaveNotice(session.UserName, ended.Reason), joined: false, after);
            }

            _events.UserLeft(session.ToInfo(), ended.Reason);
        }

        session.Room.Leave(Now);
        if (session.Stream is { } stream)
        {
            session.Room.Unsubscribe(stream);
            session.Stream = null;
            after.End(stream);
        }

        return ChangeResult.Applied;
    }

    private ChangeResult Move(SessionMoved moved, AfterChange after)
    {
        if (Sessions.Find(moved.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, "Your session has ended.");
        }

        var from = session.Room;
        if (Rooms.Find(moved.Room) is not { } to)
        {
            return ChangeResult.Refused(404, $"There is no room called {moved.Room}.");
        }

        if (from == to)
        {
            return ChangeResult.Applied;
        }

        if (_roomChanges.IsFull(to))
        {
            return ChangeResult.Refused(503, $"{to.Name} is full. Please try again later.");
        }

        if (session.JoinedAt is not null)
        {
            _roomChanges.Announce(from, session.UserName, $"{session.UserName} went to {to.Name}.", joined: false, after);
        }

        _roomChanges.Relocate(session, to, $"{session.UserName} joined.", after);
        return ChangeResult.Applied;
    }

    private ChangeResult ChangeTopic(TopicChanged topic, AfterChange after)
    {
        if (Rooms.Find(topic.Room) is not { } room)
        {
            return ChangeResult.Refused(404, $"There is no room called {topic.Room}.");
        }

        var cleared = topic.Topic.Length == 0;
        room.Topic = cleared ? null : topic.Topic;
        var text = (cleared, topic.ChangedBy) switch
        {
            (true, null) => "The topic was cleared.",
            (true, { } by) => $"{by} cleared the topic.",
            (false, null) => $"The topic is now: {topic.Topic}",
            (false, { } by) => $"{by} set the topic: {topic.Topic}",
        };
        var posted = Post(Notice(room, text), after);
        _events.TopicChanged(room.ToInfo(), topic.ChangedBy);
        return posted;
    }

    private ChangeResult Delete(LineDeleted deleted) =>
        Rooms.Find(deleted.Room) is { } room && room.Delete(deleted.Sequence)
            ? ChangeResult.Applied
            : ChangeResult.Refused(404, "That line is no longer kept.");

    private ChangeResult Ignore(IgnoreChanged ignore)
    {
        if (Sessions.Find(ignore.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, "Your session has ended.");
        }

        session.SetIgnored(ignore.UserName, ignore.Ignore, ++_stamp);
        return ChangeResult.Applied;
    }

    private static LinePosted Notice(ChatRoom room, string text) => RoomChanges.Notice(room, text);

    private static string LeaveNotice(string name, ChatLeaveReason reason) => reason switch
    {
        ChatLeaveReason.Disconnected => $"{name} left (connection lost).",
        ChatLeaveReason.TimedOut => $"{name} left (timed out).",
        _ => $"{name} left.",
    };
}
