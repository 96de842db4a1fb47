using System;
using System.Linq;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The part of <see cref="ChatState"/> that starts sessions (with the caps, bans and the takeover
/// of a name from an older session), announces them when their chat first opens, and ends them.
/// Holds the per-address counts, which only change here, and whether the server still takes
/// logins. Runs only under the state's lock, so no burst of logins gets past a cap.
/// </summary>
internal sealed class SessionLifecycle
{
    /// <summary>The refusal of whatever would start something on a server that is stopping.</summary>
    public static LocalText ShuttingDown => LocalText.Of(StateTexts.ShuttingDown);

    private readonly ChatLanguages _languages;
    private readonly SessionRegistry _sessions;
    private readonly RoomDirectory _rooms;
    private readonly RoomChanges _roomChanges;
    private readonly Moderation _moderation;
    private readonly LinePosting _lines;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatEvents _events;
    private readonly ChatMetrics _metrics;
    private readonly Action _membershipChanged;
    private readonly AddressSessions _addressSessions;
    private readonly LogThrottle _budgetLog;
    private readonly int _maxSessions;
    private readonly int _maxRoomOccupants;
    private readonly ChatLogs _logs;

    public SessionLifecycle(ChatServerLimits limits, ChatLanguages languages, SessionRegistry sessions, RoomDirectory rooms, ChatLogs logs, RoomChanges roomChanges, Moderation moderation, LinePosting lines, TimeProvider time, ILogger logger, IChatEvents events, ChatMetrics metrics, Action membershipChanged)
    {
        _languages = languages;
        _logs = logs;
        _sessions = sessions;
        _rooms = rooms;
        _roomChanges = roomChanges;
        _moderation = moderation;
        _lines = lines;
        _time = time;
        _logger = logger;
        _events = events;
        _metrics = metrics;
        _membershipChanged = membershipChanged;
        _maxSessions = limits.MaxSessions;
        _maxRoomOccupants = limits.MaxRoomOccupants;
        _addressSessions = new AddressSessions(limits);
        _budgetLog = new LogThrottle(time);
    }

    /// <summary>True once the server stopped taking logins; the sessions there stay until they end.</summary>
    public bool IsClosed { get; private set; }

    private DateTimeOffset Now => _time.GetUtcNow();

    public void Close() => IsClosed = true;

    public ChangeResult Start(SessionStarted started, AfterChange after)
    {
        if (IsClosed)
        {
            return ChangeResult.Refused(503, ShuttingDown);
        }

        if (_moderation.BanRefusal(started.UserName, started.RemoteAddress, started.Role) is { } banned)
        {
            return ChangeResult.Refused(403, banned);
        }

        ChatSession? taken = null;
        if (_sessions.FindLookAlike(started.UserName) is { } other)
        {
            var sameName = string.Equals(other.UserName, started.UserName, StringComparison.OrdinalIgnoreCase);
            if (!TakesOver(started, other, sameName))
            {
                return sameName
                    ? ChangeResult.Refused(409, LocalText.Of(StateTexts.NameInChat, ("name", started.UserName)))
                    : ChangeResult.Refused(409, LocalText.Of(StateTexts.NameLookAlike, ("name", started.UserName)));
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
            End(new SessionEnded(taken.Id, ChatLeaveReason.Left, Announce: true, Farewell: LocalText.Of(NoticeTexts.SignedInElsewhere)), after);
            after.Notify(() => Log.SessionTakenOver(_logger, name, started.RemoteAddress, from));
        }

        // Looked up again: the older session's leaving may have closed the room it was alone in.
        var room = _rooms.Find(started.Room) ?? _rooms.Default;
        room.Enter();
        var language = _languages.Find(started.Language) ?? _languages.Default;
        _sessions.Add(new ChatSession(started.SessionId, started.UserName, started.Role, started.Color, room, started.RemoteAddress, Now, _logs.NewMailbox())
        {
            BrowserSecret = started.BrowserSecret,
            Language = language,
            LanguageIndex = _languages.MarkChosen(language),
        });
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

        if (_sessions.Count - (taken is null ? 0 : 1) >= _maxSessions)
        {
            return ChangeResult.Refused(503, LocalText.Of(StateTexts.ChatFull));
        }

        var room = _rooms.Find(started.Room) ?? _rooms.Default;
        var leaving = taken?.Room == room ? 1 : 0;
        return _roomChanges.IsFull(room) && (leaving == 0 || room.Occupants - leaving >= _maxRoomOccupants)
            ? ChangeResult.Refused(503, LocalText.Of(StateTexts.RoomFullPick, ("room", room.Name)))
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

    public ChangeResult Join(SessionJoined joined, AfterChange after)
    {
        if (_sessions.Find(joined.SessionId) is not { Ended: false, JoinedAt: null } session)
        {
            return ChangeResult.Applied;
        }

        session.JoinedAt = Now;
        _addressSessions.Opened(session.RemoteAddress);
        _membershipChanged();
        var (name, roomName) = (session.UserName, session.Room.Name);
        after.Notify(() => Log.UserJoined(_logger, name, roomName));
        _roomChanges.Announce(session.Room, session.UserName, LocalText.Of(NoticeTexts.Joined, ("name", session.UserName)), joined: true, after);
        _events.UserJoined(session.ToInfo());
        return ChangeResult.Applied;
    }

    public ChangeResult End(SessionEnded ended, AfterChange after)
    {
        if (_sessions.Find(ended.SessionId) is not { Ended: false } session
            || (ended.Reason == ChatLeaveReason.Disconnected && session.IsPresent)
            || (ended.IfLastSeen is { } seen && session.LastSeen != seen))
        {
            // Gone already, or it came back before an expiry was applied.
            return ChangeResult.Applied;
        }

        if (ended.Farewell is { } farewell && session.IsPresent)
        {
            // Queued before the goodbye, so the frame says why it stops; the room's notice of it is for the others.
            _lines.Tell(session, farewell);
            EndStreams(session, ended.Reason, after);
        }

        session.Ended = true;
        if (session.Role == ChatRole.Guest)
        {
            // A guest owns in this session only; the room list stops naming a guest who has gone.
            foreach (var owned in _rooms.All().Where(r => r.IsOwnedBy(session)))
            {
                owned.RemoveOwner(session);
                _membershipChanged();
            }
        }

        _sessions.Remove(session);
        _addressSessions.Ended(session.RemoteAddress, opened: session.JoinedAt is not null);
        _membershipChanged();
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
        EndStreams(session, ended.Reason, after);
        return ChangeResult.Applied;
    }

    private static void EndStreams(ChatSession session, ChatLeaveReason reason, AfterChange after)
    {
        foreach (var stream in session.TakeStreams())
        {
            session.Room.Unsubscribe(stream);
            after.End(stream, ByeReasons.For(reason));
        }
    }

    public ChangeResult EndOthers(OtherSessionsEnded others, AfterChange after)
    {
        // One session per name on a node; its notice is queued before its stream's goodbye.
        if (_sessions.FindByName(others.UserName) is { Ended: false } session && session.Id != others.KeepSessionId)
        {
            _lines.Tell(new NoticeSent(session.Id, others.Notice));
            End(new SessionEnded(session.Id, ChatLeaveReason.Left, Announce: true), after);
        }

        return ChangeResult.Applied;
    }

    private static LocalText LeaveNotice(string name, ChatLeaveReason reason) => LocalText.Of(
        reason switch
        {
            ChatLeaveReason.Disconnected => NoticeTexts.LeftConnectionLost,
            ChatLeaveReason.TimedOut => NoticeTexts.LeftTimedOut,
            _ => NoticeTexts.Left,
        },
        ("name", name));
}
