using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
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

    private const string SignedInElsewhere = "You were signed in elsewhere with your password, so this session has ended. If that was not you, log in again and change your password.";

    private readonly object _gate = new();
    private readonly LineEncoders _encoders;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatEvents _events;
    private readonly ChatMetrics _metrics;
    private readonly int _maxSessions;
    private readonly int _maxRoomOccupants;
    private readonly RoomChanges _roomChanges;
    private readonly Moderation _moderation;
    private readonly AddressSessions _addressSessions;
    private readonly LogThrottle _budgetLog;
    private readonly PolicyBudgets _budgets;
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
        _maxRoomOccupants = options.Limits.MaxRoomOccupants;
        _addressSessions = new AddressSessions(options.Limits);
        _budgetLog = new LogThrottle(time);
        Rooms = new RoomDirectory(options.DefaultRoom, options.HistoryLength);
        _budgets = new PolicyBudgets(time, options.Limits.AddressPrefixIPv6);
        _roomChanges = new RoomChanges(options, Rooms, Sessions, time, logger, events, Post, () => Interlocked.Increment(ref _membershipVersion), room => _moderation!.RoomClosed(room));
        _moderation = new Moderation(Sessions, options.Limits, time, logger, events, new ModerationActs(End, TellUnderLock, Move, Post, _roomChanges.Close, () => Interlocked.Increment(ref _membershipVersion)));
    }

    /// <summary>Raised after a chat stream's transport closed; lets tests know the server saw it.</summary>
    public event Action<ChatSession>? StreamClosed;

    public SessionRegistry Sessions { get; } = new();

    /// <summary>For tests: called by <see cref="SessionList"/> just before it sorts.</summary>
    internal Action? SortingSessionList { get; set; }

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
                if (BudgetRefusal(change) is { } spent)
                {
                    return spent;
                }

                return change switch
                {
                    LinePosted posted => Post(posted, after),
                    SessionStarted started => Start(started, after),
                    SessionJoined joined => Join(joined, after),
                    SessionEnded ended => End(ended, after),
                    OtherSessionsEnded others => EndOthers(others, after),
                    SessionMoved moved => Move(moved, after),
                    TopicChanged topic => ChangeTopic(topic, after),
                    RoomCreated created => _closed ? ChangeResult.Refused(503, ShuttingDown) : _roomChanges.Create(created, after),
                    RoomClosed closed => _roomChanges.Close(closed, after),
                    NoticesFolded folded => _roomChanges.Unfold(folded, after),
                    LineDeleted deleted => Delete(deleted, after),
                    IgnoreChanged ignore => Ignore(ignore),
                    NoticeSent notice => Tell(notice),
                    ColorChanged color => ChangeColor(color),
                    UserKicked or UserBanned or BanLifted or UserMuted or MuteLifted or AddressLookedUp or OwnerChanged or RoleChanged or UserRelocated or RoomClosedByUser or ModerationSwept => _moderation.Apply(change, after),
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

    /// <summary>
    /// Counts a query (/who, /rooms, /help) against the session's and its address's budget in
    /// <see cref="ChatPolicy"/>; the refusal when it is spent, otherwise null.
    /// </summary>
    public ChangeResult? TakeBudget(ChatSession session, ChatAct act)
    {
        lock (_gate)
        {
            return Spend(act, session.Id);
        }
    }

    /// <summary>A user's change draws on its act's budget before anything else is checked, so that refused attempts cost too.</summary>
    private ChangeResult? BudgetRefusal(ChatChange change)
    {
        if (ChangeActs.Of(change) is not { } act
            || (change is ColorChanged color && Sessions.Find(color.SessionId)?.Color == color.Color))
        {
            // The host's and the server's own changes have no budget; nor has picking the colour one has.
            return null;
        }

        return Spend(act.Act, act.SessionId);
    }

    private ChangeResult? Spend(ChatAct act, string sessionId)
    {
        if (Sessions.Find(sessionId) is not { Ended: false } session || ChatPolicy.IsExempt(ChatPolicy.AuthorityOf(session, session.Room)))
        {
            return null;
        }

        return _budgets.Take(act, session.Id, session.RemoteAddress) is { } refusal ? ChangeResult.Refused(429, refusal) : null;
    }

    /// <summary>Whether a ban or mute may have run out, so that a <see cref="ModerationSwept"/> would forget something.</summary>
    public bool ModerationMayHaveExpired => _moderation.MayHaveExpired(Now);

    /// <summary>Every session for the host's moderation, by name.</summary>
    public IReadOnlyList<ChatSessionInfo> SessionList()
    {
        // Copied under the lock, sorted after it: a culture-aware sort of every session would hold every change up.
        ChatSessionInfo[] list;
        lock (_gate)
        {
            var now = Now;
            list = Sessions.All().Where(s => !s.Ended)
                .Select(s => new ChatSessionInfo(s.UserName, s.Role, s.Room.Name, s.RemoteAddress, now - s.LastSeen, s.CreatedAt, _moderation.MutedUntil(s)))
                .ToArray();
        }

        SortingSessionList?.Invoke();
        return list.OrderBy(s => s.Name, StringComparer.InvariantCultureIgnoreCase).ToArray();
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

    /// <summary>The lines of a room's history the reader may see, oldest first.</summary>
    public IReadOnlyList<ChatMessage> History(ChatRoom room, IPushReader reader)
    {
        lock (_gate)
        {
            return room.HistoryAfter(0).Where(line => line.IsFor(reader, live: false)).Select(line => line.Message).ToArray();
        }
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
        ChatSession? sender = null;
        if (posted.SenderSessionId is { } senderId && (sender = Sessions.Find(senderId)) is not { Ended: false })
        {
            return ChangeResult.Refused(404, "Your session has ended.");
        }

        if (sender is not null && _moderation.MuteRefusal(sender) is { } muted)
        {
            return ChangeResult.Refused(403, muted);
        }

        ChatSession? target = null;
        if (posted.TargetSessionId is { } targetId && (target = Sessions.Find(targetId)) is not { Ended: false })
        {
            return ChangeResult.Refused(404, $"{posted.Target} is no longer online.");
        }

        // A user's room line goes to the room its filters approved it for, and the sender must still
        // be there: said in a room they left meanwhile, it would reach people it was not meant for.
        if (sender is not null && posted.Audience == LineAudience.Room && !string.Equals(sender.Room.Name, posted.Room, StringComparison.OrdinalIgnoreCase))
        {
            return ChangeResult.Refused(409, $"You went to {sender.Room.Name} before your message to {posted.Room} was sent, so it was not sent. Send it again to say it here.");
        }

        // A whisper is numbered in its sender's room; a system line to one user, in that user's room.
        var room = sender?.Room ?? target?.Room ?? Rooms.Find(posted.Room);
        if (room is null)
        {
            return ChangeResult.Refused(404, $"There is no room called {posted.Room}.");
        }

        var message = new ChatMessage(room.Name, room.NextSequence(), posted.Kind, posted.Sender, posted.SenderColor, posted.Text, Now, posted.Target, sender?.Role);
        var line = new ChatLine(message, posted.Audience, _encoders, ++_stamp);
        var delivered = room.Publish(line, _time.GetTimestamp(), target is null ? null : StreamsOf(sender, target));
        after.Notify(() =>
        {
            _metrics.LinesPosted.Add(1);
            _metrics.Deliveries.Add(delivered);
        });
        _events.MessagePosted(message);
        return ChangeResult.Posted(message);
    }

    /// <summary>The open streams of a private line's two ends, wherever they are.</summary>
    private static IPushStream[] StreamsOf(ChatSession? sender, ChatSession target)
    {
        var streams = new List<IPushStream>(2);
        if (sender?.Stream is { } senderStream)
        {
            streams.Add(senderStream);
        }

        if (target.Stream is { } targetStream && target != sender)
        {
            streams.Add(targetStream);
        }

        return streams.ToArray();
    }

    private ChangeResult Tell(NoticeSent notice)
    {
        if (Sessions.Find(notice.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, "Your session has ended.");
        }

        return ChangeResult.Posted(TellUnderLock(session, notice.Text));
    }

    private ChatMessage TellUnderLock(ChatSession session, string text)
    {
        var message = new ChatMessage(session.Room.Name, 0, ChatMessageKind.Whisper, null, null, text, Now, session.UserName);
        if (session.Stream is { } stream)
        {
            var fanOut = new DrainBatch();
            fanOut.FanOut(new IFanOutTarget[] { stream }, new ChatLine(message, LineAudience.Room, _encoders, ++_stamp), _time.GetTimestamp());
            fanOut.Schedule();
        }

        return message;
    }

    private ChangeResult ChangeColor(ColorChanged change)
    {
        if (Sessions.Find(change.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, "Your session has ended.");
        }

        // Not a membership change: the online list shows the new colour with its next refresh, within a second.
        session.Color = change.Color;
        return ChangeResult.Applied;
    }

    private ChangeResult Start(SessionStarted started, AfterChange after)
    {
        if (_closed)
        {
            return ChangeResult.Refused(503, ShuttingDown);
        }

        if (_moderation.BanRefusal(started.UserName, started.RemoteAddress, started.Role) is { } banned)
        {
            return ChangeResult.Refused(403, banned);
        }

        ChatSession? taken = null;
        if (Sessions.FindLookAlike(started.UserName) is { } other)
        {
            var sameName = string.Equals(other.UserName, started.UserName, StringComparison.OrdinalIgnoreCase);
            if (!TakesOver(started, other, sameName))
            {
                return sameName
                    ? ChangeResult.Refused(409, $"{started.UserName} is already in the chat. Pick another name, or leave the chat in your other window first.")
                    : ChangeResult.Refused(409, $"{started.UserName} looks too much like someone already here. Pick another name.");
            }

            taken = other;
        }

        // The caps are checked before the older session ends, counting its place as the new one's,
        // so that a refused login does not leave the member without any session.
        if (StartRefusal(started, taken, after) is { } refused)
        {
            return refused;
        }

        if (taken is not null)
        {
            var (name, from) = (taken.UserName, taken.RemoteAddress);
            End(new SessionEnded(taken.Id, ChatLeaveReason.Left, Announce: true, Farewell: SignedInElsewhere), after);
            after.Notify(() => Log.SessionTakenOver(_logger, name, started.RemoteAddress, from));
        }

        // Looked up again: the older session's leaving may have closed the room it was alone in.
        var room = Rooms.Find(started.Room) ?? Rooms.Default;
        room.Enter();
        Sessions.Add(new ChatSession(started.SessionId, started.UserName, started.Role, started.Color, room, started.RemoteAddress, Now) { BrowserSecret = started.BrowserSecret });
        _addressSessions.Started(started.RemoteAddress);
        after.Notify(() => _metrics.Sessions.Add(1));
        return ChangeResult.Applied;
    }

    /// <summary>
    /// Why the address, server or room caps refuse the login (503); null when it may start. The
    /// session it takes over from (if any) is counted as gone already: its place is the new one's.
    /// </summary>
    private ChangeResult? StartRefusal(SessionStarted started, ChatSession? taken, AfterChange after)
    {
        // Checked here, under the lock, so that logins sent all at once cannot all pass; an admin
        // behind a crowded address must still get in to act on it.
        if (started.Role != ChatRole.Admin && _addressSessions.Refusal(started.RemoteAddress, taken) is { } crowded)
        {
            var address = _addressSessions.KeyOf(started.RemoteAddress).ToString();
            if (_budgetLog.TryEnter(out var skipped))
            {
                after.Notify(() => Log.AddressBudgetReached(_logger, crowded.Limit, address, skipped));
            }

            return ChangeResult.Refused(503, crowded.Message);
        }

        if (Sessions.Count - (taken is null ? 0 : 1) >= _maxSessions)
        {
            return ChangeResult.Refused(503, "The chat is full. Please try again later.");
        }

        var room = Rooms.Find(started.Room) ?? Rooms.Default;
        var leaving = taken?.Room == room ? 1 : 0;
        return _roomChanges.IsFull(room) && (leaving == 0 || room.Occupants - leaving >= _maxRoomOccupants)
            ? ChangeResult.Refused(503, $"{room.Name} is full. Please pick another room.")
            : null;
    }

    /// <summary>
    /// Whether a login takes the name over from the session holding it: only a member's or an
    /// admin's, whose authenticator confirmed a password, so that a thief who logged in with a
    /// stolen password cannot keep the owner out; the owner then changes the password, which ends
    /// the thief's sessions for good. It takes over its own name, or a guest's look-alike of it
    /// (an account's name is not a guest's to hold); a guest name stays the first session's.
    /// </summary>
    private static bool TakesOver(SessionStarted started, ChatSession other, bool sameName) =>
        started.Role != ChatRole.Guest && (sameName || other.Role == ChatRole.Guest);

    private ChangeResult Join(SessionJoined joined, AfterChange after)
    {
        if (Sessions.Find(joined.SessionId) is not { Ended: false, JoinedAt: null } session)
        {
            return ChangeResult.Applied;
        }

        session.JoinedAt = Now;
        _addressSessions.Opened(session.RemoteAddress);
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

        if (ended.Farewell is { } farewell && session.Stream is { } told)
        {
            // Queued before the goodbye, so the frame says why it stops; the room's notice of it is for the others.
            TellUnderLock(session, farewell);
            session.Room.Unsubscribe(told);
            session.Stream = null;
            after.End(told);
        }

        session.Ended = true;
        if (session.Role == ChatRole.Guest)
        {
            // A guest owns in this session only; the room list stops naming a guest who has gone.
            foreach (var owned in Rooms.All().Where(r => r.IsOwnedBy(session)))
            {
                owned.RemoveOwner(session);
                Interlocked.Increment(ref _membershipVersion);
            }
        }

        Sessions.Remove(session);
        _addressSessions.Ended(session.RemoteAddress, opened: session.JoinedAt is not null);
        Interlocked.Increment(ref _membershipVersion);
        after.Notify(() => _metrics.Sessions.Add(-1));
        if (session.JoinedAt is not null)
        {
            var (name, roomName) = (session.UserName, session.Room.Name);
            after.Notify(() => Log.UserLeft(_logger, name, roomName, ended.Reason));
            if (ended.Announce)
            {
                _roomChanges.Announce(session.Room, session.UserName, ended.RoomNotice ?? LeaveNotice(session.UserName, ended.Reason), joined: false, after);
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

    private ChangeResult EndOthers(OtherSessionsEnded others, AfterChange after)
    {
        // One session per name on a node; its notice is queued before its stream's goodbye.
        if (Sessions.FindByName(others.UserName) is { Ended: false } session && session.Id != others.KeepSessionId)
        {
            Tell(new NoticeSent(session.Id, others.Notice));
            End(new SessionEnded(session.Id, ChatLeaveReason.Left, Announce: true), after);
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

        if (topic.BySessionId is { } id)
        {
            if (Sessions.Find(id) is not { Ended: false } session)
            {
                return ChangeResult.Refused(404, "Your session has ended.");
            }

            if (!ChatPolicy.Allows(ChatAct.Topic, ChatPolicy.AuthorityOf(session, room), PolicyScope.Room))
            {
                return ChangeResult.Refused(403, ChatPolicy.OnlyWho(ChatAct.Topic, room.Name));
            }
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

    private ChangeResult Delete(LineDeleted deleted, AfterChange after)
    {
        var room = Rooms.Find(deleted.Room);
        string? by = null;
        if (deleted.BySessionId is { } id)
        {
            if (Sessions.Find(id) is not { Ended: false } session)
            {
                return ChangeResult.Refused(404, "Your session has ended.");
            }

            if (room is null)
            {
                return ChangeResult.Refused(404, $"There is no room called {deleted.Room}.");
            }

            if (!ChatPolicy.Allows(ChatAct.DeleteLine, ChatPolicy.AuthorityOf(session, room), PolicyScope.Room))
            {
                return ChangeResult.Refused(403, ChatPolicy.OnlyWho(ChatAct.DeleteLine, room.Name));
            }

            by = session.UserName;
        }

        if (room?.Delete(deleted.Sequence) is not { } line)
        {
            return ChangeResult.Refused(404, "That line is no longer kept.");
        }

        // Every open stream, whatever its room: one may have shown the line before it moved.
        // Scheduled under the lock, after the line's own fan-out, so it reaches every reader after the line.
        var streams = Rooms.All().SelectMany(r => r.Streams).ToArray();
        var fanOut = new DrainBatch();
        fanOut.FanOut(streams, new LineRemoval(line.Message, _encoders), _time.GetTimestamp());
        fanOut.Schedule();
        var (roomName, sequence) = (room.Name, deleted.Sequence);
        after.Notify(() => Log.LineDeleted(_logger, roomName, sequence, by));
        _events.LineDeleted(roomName, sequence, by);
        return ChangeResult.Applied;
    }

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
