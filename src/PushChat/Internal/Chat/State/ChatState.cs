using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Policy;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Localization;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The chat's state: sessions, rooms and their logs. Every change is applied here, one at a time
/// under one lock and at the change's own time (<see cref="ChangeTime"/>), which is also where items
/// get their log positions and are handed to the fan-out; so joins, lines and leaves reach every
/// reader and every host event in one order. Ended streams say goodbye, and loggers and metric listeners run, after the lock.
/// Here are the lock, the dispatch of each change and the budget it draws on first; the changes
/// themselves are applied by the parts that run under the lock: sessions start and end in
/// <see cref="SessionLifecycle"/>, streams open and close in <see cref="SessionStreams"/>, lines
/// are posted, told and deleted in <see cref="LinePosting"/>, rooms change in
/// <see cref="RoomChanges"/>, and moderation in <see cref="Moderation"/>.
/// </summary>
internal sealed class ChatState
{
    private readonly IFanOut _fanOut;
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ChangeTime _changeTime;
    private readonly ILogger _logger;
    private readonly PolicyBudgets _budgets;
    private readonly PolicyBudgets _queryBudgets;
    private readonly Moderation _moderation;
    private readonly LinePosting _lines;
    private readonly RoomChanges _roomChanges;
    private readonly SessionLifecycle _lifecycle;
    private readonly SessionStreams _streams;
    private readonly SessionPresence _presence;
    private readonly OriginEvents _events;
    private readonly IPresenceReports? _reports;
    private readonly SharedRates _rates;
    private int _membershipVersion;

    /// <param name="options">The server's options.</param>
    /// <param name="encoders">How items are written for each transport format.</param>
    /// <param name="fanOut">Where items go to their readers.</param>
    /// <param name="epochs">The epochs of the logs, different on every start of the server.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The server's logger.</param>
    /// <param name="events">The host's events.</param>
    /// <param name="metrics">The server's metrics.</param>
    /// <param name="nodeId">This node's name in a scaled-out chat; any name for a server on its own.</param>
    /// <param name="reports">How presence travels to the other nodes; null for a server on its own.</param>
    public ChatState(ChatServerOptions options, LineEncoders encoders, IFanOut fanOut, LogEpochs epochs, TimeProvider time, ILogger logger, IChatEvents events, ChatMetrics metrics, string nodeId = "local", IPresenceReports? reports = null)
    {
        NodeId = nodeId;
        _reports = reports;
        _events = new OriginEvents(events);
        _time = time;
        _logger = logger;
        _fanOut = fanOut;
        Languages = encoders.Languages;
        _changeTime = new ChangeTime(time, _gate);
        var logs = new ChatLogs(options.HistoryLength, epochs);
        Rooms = new RoomDirectory(options.DefaultRoom, logs, fanOut);
        _budgets = new PolicyBudgets(_changeTime, options.Limits.AddressPrefixIPv6);

        // Queries change nothing, so their budgets are this node's own, not the chat's.
        _queryBudgets = new PolicyBudgets(time, options.Limits.AddressPrefixIPv6);
        Logins = new LoginThrottle(options.Limits, _changeTime);
        _rates = new SharedRates(options.Limits, _changeTime);
        Action membershipChanged = () => Interlocked.Increment(ref _membershipVersion);

        // Moderation ends, tells, moves and posts through the types built after it, which ask it
        // about bans and mutes in turn; its acts reach them only once a change is applied.
        _moderation = new Moderation(Sessions, options.Limits, Languages, _changeTime, logger, _events, new ModerationActs(
            (ended, after) => _lifecycle!.End(ended, after),
            (session, text) => _lines!.Tell(session, text),
            (moved, after) => _roomChanges!.Move(moved, after),
            (posted, after) => _lines!.Post(posted, after),
            (closed, after) => _roomChanges!.Close(closed, after),
            membershipChanged));
        _lines = new LinePosting(Sessions, Rooms, _moderation, encoders, fanOut, _changeTime, logger, _events, metrics);
        Replays = new StreamReplays(Sessions, _changeTime);
        _roomChanges = new RoomChanges(options, Rooms, Sessions, _lines, Replays, _moderation, _changeTime, logger, _events, membershipChanged);
        _lifecycle = new SessionLifecycle(options.Limits, encoders.Languages, Sessions, Rooms, logs, _roomChanges, _moderation, _lines, _changeTime, logger, _events, metrics, membershipChanged);
        _presence = new SessionPresence(Sessions, _lifecycle, _changeTime);
        _streams = new SessionStreams(_changeTime, _presence, Replays, options.Limits.MaxStreamsPerSession, nodeId, reports);
    }

    /// <summary>Raised after a chat stream's transport closed; lets tests know the server saw it.</summary>
    public event Action<ChatSession>? StreamClosed;

    public SessionRegistry Sessions { get; } = new();

    /// <summary>Failed logins per account, and the accounts locked out for them.</summary>
    public LoginThrottle Logins { get; }

    /// <summary>This node's name: where its sessions' streams are, in <see cref="ChatSession.PresentOn"/>.</summary>
    public string NodeId { get; }

    /// <summary>The languages the server speaks, and which one each reader gets.</summary>
    public ChatLanguages Languages { get; private set; } = null!;

    /// <summary>What streams get before live items; read under the lock.</summary>
    public StreamReplays Replays { get; }

    /// <summary>For tests: called by <see cref="SessionList"/> just before it sorts.</summary>
    internal Action? SortingSessionList { get; set; }

    public RoomDirectory Rooms { get; }

    /// <summary>Changes whenever someone joins, leaves or moves; lets readers of the online list cache it.</summary>
    public int MembershipVersion => Volatile.Read(ref _membershipVersion);

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>
    /// Applies a change that every node of the chat applies in the same order; its host events are
    /// raised only when <paramref name="raisesEvents"/>, on the one node that made it.
    /// </summary>
    public ChangeResult Apply(ChatChange change, bool raisesEvents = true)
    {
        var after = new AfterChange(_logger, _fanOut);
        try
        {
            lock (_gate)
            {
                _events.Raising = raisesEvents;

                // The budget too is drawn at the change's time, so every node draws it alike.
                var outer = _changeTime.Applying(change.At ?? _time.GetUtcNow());
                try
                {
                    return BudgetRefusal(change) ?? Dispatch(change, after);
                }
                finally
                {
                    _changeTime.Done(outer);
                }
            }
        }
        finally
        {
            // Whatever happened under the lock, writers it woke must start and streams it ended must close.
            after.Run();
        }
    }

    /// <summary>Applies the change by the part of the state it changes; under the lock, at the change's time.</summary>
    private ChangeResult Dispatch(ChatChange change, AfterChange after) =>
        change switch
        {
            LinePosted posted => _lines!.Post(posted, after),
            SessionStarted started => _lifecycle.Start(started, after),
            SessionJoined joined => _lifecycle.Join(joined, after),
            SessionEnded ended => _lifecycle!.End(ended, after),
            OtherSessionsEnded others => _lifecycle.EndOthers(others, after),
            SessionMoved moved => _roomChanges!.Move(moved, after),
            TopicChanged topic => _roomChanges.ChangeTopic(topic, after),
            RoomCreated created => _lifecycle.IsClosed ? ChangeResult.Refused(503, SessionLifecycle.ShuttingDown) : _roomChanges.Create(created, after),
            RoomClosed closed => _roomChanges!.Close(closed, after),
            NoticesFolded folded => _roomChanges.Unfold(folded, after),
            StreamsChanged streams => _presence.Changed(streams, after),
            NodeLost lost => Lose(lost, after),
            SessionsSeen seen => _presence.Seen(seen),
            LoginFailed failed => FailLogin(failed, after),
            LoginSucceeded succeeded => ForgetLoginFailures(succeeded),
            RateTaken taken => _rates.Take(taken),
            LineDeleted deleted => _lines.Delete(deleted, after),
            IgnoreChanged ignore => _lines.Ignore(ignore),
            NoticeSent notice => _lines.Tell(notice),
            ColorChanged color => _lines.ChangeColor(color),
            UserKicked or UserBanned or BanLifted or UserMuted or MuteLifted or AddressLookedUp or OwnerChanged or RoleChanged or UserRelocated or RoomClosedByUser or ModerationSwept => _moderation.Apply(change, after),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Unknown chat change."),
        };

    /// <summary>
    /// A node is gone. When the others took this node for gone while it still runs, it tells them
    /// again of the streams it has.
    /// </summary>
    private ChangeResult Lose(NodeLost lost, AfterChange after)
    {
        if (lost.Node == NodeId && _reports is { } reports)
        {
            foreach (var session in Sessions.All().Where(s => !s.Ended && s.HasStreams).ToArray())
            {
                after.Notify(() => reports.StreamsChanged(session));
            }
        }

        return _presence.Lost(lost);
    }

    /// <summary>Counts a wrong password; refused with 429 when the key is locked, by this failure or an earlier one.</summary>
    private ChangeResult FailLogin(LoginFailed failed, AfterChange after)
    {
        if (Logins.Failed(failed.Key) is not { } lockout)
        {
            return ChangeResult.Applied;
        }

        if (lockout.IsNew && _events.Raising)
        {
            after.Notify(() => Log.LoginLockedOut(_logger, failed.UserName, lockout.Remaining.TotalMinutes, lockout.Failures, lockout.Count, failed.Address));
        }

        return ChangeResult.Refused(429, LoginLockout.TooManyFailures(lockout.Remaining));
    }

    private ChangeResult ForgetLoginFailures(LoginSucceeded succeeded)
    {
        Logins.Succeeded(succeeded.Key);
        return ChangeResult.Applied;
    }

    /// <summary>A sign of life from the session: the clock's time now on a server on its own; told to the other nodes of a scaled-out chat.</summary>
    public void Touch(ChatSession session)
    {
        if (_reports is { } reports)
        {
            reports.Touched(session);
        }
        else
        {
            session.LastSeen = _time.GetUtcNow();
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
            return Spend(_queryBudgets, act, session.Id);
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

        return Spend(_budgets, act.Act, act.SessionId);
    }

    private ChangeResult? Spend(PolicyBudgets budgets, ChatAct act, string sessionId)
    {
        if (Sessions.Find(sessionId) is not { Ended: false } session || ChatPolicy.IsExempt(ChatPolicy.AuthorityOf(session, session.Room)))
        {
            return null;
        }

        return budgets.Take(act, session.Id, session.RemoteAddress) is { } refusal ? ChangeResult.Refused(429, refusal) : null;
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
            _lifecycle.Close();
        }
    }

    /// <summary>
    /// Opens one more stream of a session on this node: it replays the room's history, or what
    /// follows <paramref name="from"/>, and gets every new item; the first one announces the
    /// session to its room. False when the session has ended or the transport closed before it
    /// could start.
    /// </summary>
    public bool OpenStream(ChatSession session, Func<IPushStream> open, StreamCursor? from = null)
    {
        var after = new AfterChange(_logger, _fanOut);
        try
        {
            lock (_gate)
            {
                return _streams.Open(session, open, from, after);
            }
        }
        finally
        {
            after.Run();
        }
    }

    /// <summary>
    /// Ends every stream on this node while the sessions stay in the chat: a node leaving a
    /// scaled-out chat, whose readers come back through another node and resume.
    /// </summary>
    public void EndStreamsHere()
    {
        var after = new AfterChange(_logger, _fanOut);
        try
        {
            lock (_gate)
            {
                foreach (var session in Sessions.All())
                {
                    foreach (var stream in session.TakeStreams())
                    {
                        session.Room.Unsubscribe(stream);
                        after.End(stream, ByeReasons.Reconnect);
                    }
                }
            }
        }
        finally
        {
            after.Run();
        }
    }

    /// <summary>Runs <paramref name="step"/> on the fan-out thread after everything handed to it so far, such as the goodbyes of streams a change ended.</summary>
    public void AfterFanOut(Action step) => _fanOut.After(step);

    /// <summary>The lines of a room's history the reader may see, oldest first, notices in the reader's language.</summary>
    public IReadOnlyList<ChatMessage> History(ChatRoom room, IPushReader reader)
    {
        lock (_gate)
        {
            return LinePosting.History(room, reader, Languages.All[reader.LanguageIndex]);
        }
    }

    /// <summary>A stream's transport closed: the session keeps its place for the grace period.</summary>
    public void OnStreamClosed(IPushStream stream)
    {
        var session = (ChatSession)stream.Reader;
        var after = new AfterChange(_logger, _fanOut);
        lock (_gate)
        {
            _streams.Closed(session, stream, after);
        }

        after.Run();

        StreamClosed?.Invoke(session);
    }
}
