using System;
using System.Linq;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The part of <see cref="ChatState"/> that opens, closes and crowds rooms, sets their topics and
/// moves sessions between them. Runs only under the state's lock, as part of the change being applied.
/// </summary>
internal sealed class RoomChanges
{
    private readonly RoomDirectory _rooms;
    private readonly SessionRegistry _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatEvents _events;
    private readonly LinePosting _lines;
    private readonly StreamReplays _replays;
    private readonly Moderation _moderation;
    private readonly Action _membershipChanged;
    private readonly int _maxRooms;
    private readonly int _maxRoomsPerUser;
    private readonly int _maxRoomOccupants;
    private readonly int _foldAbove;

    public RoomChanges(ChatServerOptions options, RoomDirectory rooms, SessionRegistry sessions, LinePosting lines, StreamReplays replays, Moderation moderation, TimeProvider time, ILogger logger, IChatEvents events, Action membershipChanged)
    {
        _lines = lines;
        _replays = replays;
        _moderation = moderation;
        _maxRoomsPerUser = options.Limits.MaxRoomsPerUser;
        _rooms = rooms;
        _sessions = sessions;
        _time = time;
        _logger = logger;
        _events = events;
        _membershipChanged = membershipChanged;
        _maxRooms = options.Limits.MaxRooms;
        _maxRoomOccupants = options.Limits.MaxRoomOccupants;
        _foldAbove = options.FoldNoticesAbove;
    }

    /// <summary>The chat's notice to a room, worded in each reader's language.</summary>
    public static LinePosted Notice(ChatRoom room, LocalText notice) =>
        new(room.Name, ChatMessageKind.System, null, null, notice.ToString(), LineAudience.Room) { Notice = notice };

    /// <summary>Moves a session and its streams, which get the new room's history, then tells the new room.</summary>
    public void Relocate(ChatSession session, ChatRoom to, LocalText notice, AfterChange after)
    {
        var from = session.Room;
        from.Leave(_time.GetUtcNow());
        to.Enter();
        session.Room = to;
        foreach (var stream in session.Streams)
        {
            from.Unsubscribe(stream);
            to.Subscribe(stream, _replays.Move(session), _time.GetTimestamp());
        }

        _membershipChanged();
        if (session.JoinedAt is not null)
        {
            Announce(to, session.UserName, notice, joined: true, after);
            _events.UserMoved(session.ToInfo(), from.Name);
            var (name, fromName, toName) = (session.UserName, from.Name, to.Name);
            after.Notify(() => Log.UserMoved(_logger, name, fromName, toName));
        }
    }

    public ChangeResult Move(SessionMoved moved, AfterChange after)
    {
        if (_sessions.Find(moved.SessionId) is not { Ended: false } session)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.SessionEnded));
        }

        var from = session.Room;
        if (_rooms.Find(moved.Room) is not { } to)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.NoSuchRoom, ("room", moved.Room)));
        }

        if (from == to)
        {
            return ChangeResult.Applied;
        }

        if (IsFull(to))
        {
            return ChangeResult.Refused(503, LocalText.Of(StateTexts.RoomFull, ("room", to.Name)));
        }

        if (session.JoinedAt is not null)
        {
            Announce(from, session.UserName, LocalText.Of(NoticeTexts.WentTo, ("name", session.UserName), ("room", to.Name)), joined: false, after);
        }

        Relocate(session, to, LocalText.Of(NoticeTexts.Joined, ("name", session.UserName)), after);
        return ChangeResult.Applied;
    }

    public ChangeResult ChangeTopic(TopicChanged topic, AfterChange after)
    {
        if (_rooms.Find(topic.Room) is not { } room)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.NoSuchRoom, ("room", topic.Room)));
        }

        if (topic.BySessionId is { } id)
        {
            if (_sessions.Find(id) is not { Ended: false } session)
            {
                return ChangeResult.Refused(404, LocalText.Of(StateTexts.SessionEnded));
            }

            if (!ChatPolicy.Allows(ChatAct.Topic, ChatPolicy.AuthorityOf(session, room), PolicyScope.Room))
            {
                return ChangeResult.Refused(403, ChatPolicy.OnlyWhoText(ChatAct.Topic, room.Name));
            }
        }

        var cleared = topic.Topic.Length == 0;
        room.Topic = cleared ? null : topic.Topic;
        var text = (cleared, topic.ChangedBy) switch
        {
            (true, null) => LocalText.Of(NoticeTexts.TopicCleared),
            (true, { } by) => LocalText.Of(NoticeTexts.TopicClearedBy, ("name", by)),
            (false, null) => LocalText.Of(NoticeTexts.TopicSet, ("topic", topic.Topic)),
            (false, { } by) => LocalText.Of(NoticeTexts.TopicSetBy, ("name", by), ("topic", topic.Topic)),
        };
        var posted = _lines.Post(Notice(room, text) with { Topic = room.Topic ?? string.Empty }, after);
        _events.TopicChanged(room.ToInfo(), topic.ChangedBy);
        return posted;
    }

    public ChangeResult Create(RoomCreated created, AfterChange after)
    {
        if (_rooms.Find(created.Room) is { } existing)
        {
            return ChangeResult.Refused(409, LocalText.Of(StateTexts.RoomExists, ("room", existing.Name)));
        }

        // Refused rather than taken to the look-alike: a skeleton also matches names that mean
        // something else ("rn" and "m"), so the user is shown the room there is and picks.
        if (_rooms.FindLookAlike(created.Room) is { } alike)
        {
            // The host is not in the chat: it is told which room is in the way and how to clear it.
            return ChangeResult.Refused(409, created.BySessionId is null
                ? LocalText.Of(StateTexts.RoomLookAlikeHost, ("room", created.Room), ("alike", alike.Name))
                : LocalText.Of(StateTexts.RoomLookAlike, ("room", created.Room), ("alike", alike.Name)));
        }

        // Only a session opens a room with an owner; the host's rooms have none.
        RoomOwnerClaim? opener = null;
        if (created.BySessionId is { } id)
        {
            if (_sessions.Find(id) is not { Ended: false } session)
            {
                return ChangeResult.Refused(404, LocalText.Of(StateTexts.SessionEnded));
            }

            if (session.Role != ChatRole.Admin && _rooms.OpenedBy(session) >= _maxRoomsPerUser)
            {
                return ChangeResult.Refused(403, LocalText.Of(StateTexts.RoomsPerUser, ("count", _maxRoomsPerUser)));
            }

            // Only an admin takes a room from the one who opened it.
            opener = RoomOwnerClaim.For(session, Policy.Authority.Admin);
        }

        if (_rooms.Count >= _maxRooms)
        {
            return ChangeResult.Refused(503, LocalText.Of(StateTexts.RoomsMax, ("count", _maxRooms)));
        }

        var room = _rooms.Create(created.Room, opener, created.Topic, created.Permanent);
        room.Opened(_time.GetUtcNow());
        after.Notify(() => Log.RoomOpened(_logger, created.Room, created.Owner ?? "the host"));
        _events.RoomCreated(room.ToInfo(), created.Owner);
        return ChangeResult.Applied;
    }

    public ChangeResult Close(RoomClosed closed, AfterChange after)
    {
        if (_rooms.Find(closed.Room) is not { } room)
        {
            return ChangeResult.Refused(404, LocalText.Of(StateTexts.NoSuchRoom, ("room", closed.Room)));
        }

        if (room.IsDefault)
        {
            return ChangeResult.Refused(403, LocalText.Of(StateTexts.DefaultRoomClose));
        }

        if (closed.IfEmptySince is { } since && room.EmptySince != since)
        {
            // Someone came in after the expiry was decided.
            return ChangeResult.Applied;
        }

        var movers = _sessions.InStartOrder().Where(s => s.Room == room && !s.Ended).ToArray();
        if (movers.Length > 0)
        {
            _lines.Post(Notice(room, LocalText.Of(NoticeTexts.RoomClosed, ("room", room.Name), ("to", _rooms.Default.Name))), after);
        }

        foreach (var session in movers)
        {
            Relocate(session, _rooms.Default, LocalText.Of(NoticeTexts.CameFromClosed, ("name", session.UserName), ("room", room.Name)), after);
        }

        _rooms.Remove(room);
        _moderation.RoomClosed(room);
        _membershipChanged();
        _events.RoomClosed(room.ToInfo(), closed.ClosedBy);
        var reason = closed.IfEmptySince is not null ? "empty" : closed.ClosedBy is null ? "closed by the host" : "closed by " + closed.ClosedBy;
        after.Notify(() => Log.RoomClosed(_logger, room.Name, reason));
        return ChangeResult.Applied;
    }

    public ChangeResult Unfold(NoticesFolded folded, AfterChange after) =>
        _rooms.Find(folded.Room) is { Folded.IsEmpty: false } room
            ? _lines.Post(Notice(room, room.Folded.Take()), after)
            : ChangeResult.Applied;

    /// <summary>A join or leave notice; in a crowded room it waits to be told with the others of the same second.</summary>
    public void Announce(ChatRoom room, string userName, LocalText notice, bool joined, AfterChange after)
    {
        if (room.Occupants <= _foldAbove)
        {
            if (!room.Folded.IsEmpty)
            {
                // What was held happened first; told after this notice, a user's join could follow their leave.
                _lines.Post(Notice(room, room.Folded.Take()), after);
            }

            _lines.Post(Notice(room, notice), after);
        }
        else if (joined)
        {
            room.Folded.Joined(userName);
        }
        else
        {
            room.Folded.Left(userName);
        }
    }

    public bool IsFull(ChatRoom room) => !room.IsDefault && room.Occupants >= _maxRoomOccupants;
}
