using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Authentication;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Names;
using PushChat.Internal.Push;
using PushChat.Rendering;
using PushChat.Users;

namespace PushChat.Internal.Chat;

/// <summary>
/// The chat's rules for what users and the host ask of it: logging in, opening a stream, rooms,
/// leaving, stopping (speaking is <see cref="LinePoster"/>'s, accounts <see cref="AccountDesk"/>'s).
/// Decisions go through the host's hooks; every resulting change goes through the change bus to
/// <see cref="ChatState"/>, the one place that applies it.
/// </summary>
internal sealed class ChatEngine
{
    private const string ShuttingDown = HookRefusals.ShuttingDown;
    private const string CannotCheckAccount = "The server could not check your account, try again in a moment.";

    private readonly ChatServerOptions _options;
    private readonly IAuthenticator _authenticator;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatChangeBus _bus;
    private readonly HookRunner _hooks;
    private readonly HookRefusals _refusals;
    private readonly RateBudgets _budgets;
    private readonly ReservedNames _reservedNames;
    private readonly LoginLockout _lockout;
    private readonly LogThrottle _refusalLog;
    private readonly AddressRateLimit _loginsPerAddress;
    private readonly LogThrottle _readerFailureLog;
    private readonly IUserStore? _users;
    private readonly byte[] _fallbackGoodbye = Array.Empty<byte>();

    /// <summary>Creates the engine; <paramref name="users"/> is where registration and password changes write, null when the host's authenticator keeps its accounts where the server cannot reach them.</summary>
    public ChatEngine(ChatServerOptions options, IAuthenticator authenticator, IPageRenderer renderer, TimeProvider time, ILogger logger, ChatState state, IChatChangeBus bus, IUserStore? users = null, PasswordVerifier? verifier = null)
    {
        _options = options;
        _authenticator = authenticator;
        _users = users;
        Renderer = renderer;
        _time = time;
        _logger = logger;
        _hooks = new HookRunner(time, options.HookTimeout);
        _refusals = new HookRefusals(logger, options.HookTimeout);
        _budgets = new RateBudgets(options.Limits, time, logger);
        _reservedNames = new ReservedNames(options.ReservedNames);
        _lockout = new LoginLockout(options.Limits, users, _hooks, _refusals, time, logger);
        _refusalLog = new LogThrottle(time);
        _loginsPerAddress = new AddressRateLimit(options.Limits.MaxLoginsPerAddressPerMinute, TimeSpan.FromMinutes(1), time);
        _readerFailureLog = new LogThrottle(time);
        State = state;
        Online = new OnlineList(state, time);
        _bus = bus;
        Accounts = new AccountDesk(options, users, verifier ?? PasswordVerifier.Shared, state, bus, time, logger, _hooks, _refusals, _budgets, _reservedNames, _lockout);
        Lines = new LinePoster(options, bus, time, logger, _hooks, _refusals, _budgets);
    }

    public ChatState State { get; }

    /// <summary>Registration and password changes.</summary>
    public AccountDesk Accounts { get; }

    /// <summary>Users' lines, through the line budget and the host's message filters.</summary>
    public LinePoster Lines { get; }

    /// <summary>The online list the names frames read.</summary>
    public OnlineList Online { get; }

    public IPageRenderer Renderer { get; }

    public ChatServerOptions Options => _options;

    public DateTimeOffset Now => _time.GetUtcNow();

    public TimeProvider Time => _time;

    /// <summary>Logs in to <paramref name="room"/> when it exists, otherwise to the default room.</summary>
    public async Task<ChatOutcome<ChatSession>> LoginAsync(string typedName, string password, IPEndPoint remote, CancellationToken stopping, string? room = null)
    {
        // Every attempt counts, before any password check: a script can neither churn sessions nor
        // spray guesses over many names (each too few for the per-name lock) faster than the budget.
        if (!_budgets.TakeAddress(_loginsPerAddress, remote.Address, nameof(ChatServerLimits.MaxLoginsPerAddressPerMinute)))
        {
            return ChatOutcome<ChatSession>.Refused(429, "Too many logins from your network in the last minute. Wait a minute and try again.");
        }

        var name = UserNameRules.Normalize(typedName);
        var nameError = UserNameRules.Check(name, _options.Limits.MaxUserNameLength);
        if (nameError is not null)
        {
            return ChatOutcome<ChatSession>.Refused(400, nameError);
        }

        if (await BlockedByReservedNameAsync(name, stopping).ConfigureAwait(false))
        {
            return ChatOutcome<ChatSession>.Refused(403, "That name is reserved for the server and its staff, or looks like one that is. Pick another name.");
        }

        if (await _lockout.LockKeyAsync(name, stopping).ConfigureAwait(false) is not { } lockKey)
        {
            return ChatOutcome<ChatSession>.Refused(503, CannotCheckAccount);
        }

        if (_lockout.LockedFor(lockKey) is { } locked)
        {
            Log.LoginWhileLockedOut(_logger, name, remote.Address, locked);
            return ChatOutcome<ChatSession>.Refused(429, LoginLockout.TooManyFailures(locked));
        }

        var context = new AuthenticationContext(name, password, remote);
        var decision = await _hooks.RunAsync(token => _authenticator.AuthenticateAsync(context, token), stopping).ConfigureAwait(false);
        if (decision.End != HookEnd.Completed)
        {
            return ChatOutcome<ChatSession>.Refused(503, _refusals.For(decision.End, decision.Error, "Logging in", _authenticator));
        }

        var result = decision.Value!;
        if (!result.Succeeded)
        {
            if (_refusalLog.TryEnter(out var skipped))
            {
                Log.LoginRefused(_logger, name, remote.Address, skipped);
            }

            if (_lockout.CountFailure(lockKey, name, remote.Address) is { } lockedNow)
            {
                return ChatOutcome<ChatSession>.Refused(429, LoginLockout.TooManyFailures(lockedNow));
            }

            return ChatOutcome<ChatSession>.Refused(403, result.FailureReason ?? "Login refused.");
        }

        // A lock started by other attempts while this one was checked holds it too; otherwise a
        // burst of guesses sent at once would all be checked and one could get in.
        if (_lockout.LockedFor(lockKey) is { } lockedMeanwhile)
        {
            return ChatOutcome<ChatSession>.Refused(429, LoginLockout.TooManyFailures(lockedMeanwhile));
        }

        _lockout.Succeeded(lockKey);

        var id = SessionIds.New();
        var started = _bus.Submit(new SessionStarted(id, result.UserName, result.Role, ColorFor(result.UserName, result.Color), remote.Address, string.IsNullOrWhiteSpace(room) ? _options.DefaultRoom : RoomNameRules.Normalize(room!)));
        return started.IsRefused || State.Sessions.Find(id) is not { } session
            ? ChatOutcome<ChatSession>.Refused(started.IsRefused ? started.StatusCode : 503, started.Refusal ?? ShuttingDown)
            : ChatOutcome<ChatSession>.Done(session);
    }

    public ChatSession? Find(string? sessionId) =>
        string.IsNullOrEmpty(sessionId) ? null : State.Sessions.Find(sessionId!);

    /// <summary>Records a sign of life (names refresh, talk frame, a line).</summary>
    public void Touch(ChatSession session) => session.LastSeen = Now;

    /// <summary>Opens the session's chat frame on this transport: head, history, then live lines; announces the first join.</summary>
    public bool OpenStream(ChatSession session, IPushTransport transport, ReadOnlyMemory<byte> head) =>
        State.OpenStream(session, () => new ForeverFrameStream(transport, session, head, Goodbye, _time.GetTimestamp(), State.OnStreamClosed, error => ReaderFailed(session, error)));

    /// <summary>A delivery to the session's stream threw (the stream ends); logged a few times a minute at most.</summary>
    private void ReaderFailed(ChatSession session, Exception error)
    {
        if (_readerFailureLog.TryEnter(out var skipped))
        {
            Log.ReaderFailed(_logger, session.UserName, skipped, error);
        }
    }

    /// <summary>Shows a notice to this session only, on its open chat stream.</summary>
    public void Tell(ChatSession session, string text) => _bus.Submit(new NoticeSent(session.Id, text));

    /// <summary>A private line from the server to an online user, wherever they are; null when nobody of that name is online.</summary>
    public ChatMessage? Whisper(string userName, string text) =>
        State.Sessions.FindByName(userName) is { Ended: false } target
            ? _bus.Submit(new LinePosted(target.Room.Name, ChatMessageKind.Whisper, null, null, text, LineAudience.Sessions(target.Id), Target: target.UserName, TargetSessionId: target.Id)).Line
            : null;

    /// <summary>The online user of that name (any case), or null.</summary>
    public ChatSession? FindOnline(string userName) =>
        State.Sessions.FindByName(UserNameRules.Normalize(userName)) is { Ended: false, JoinedAt: not null } session ? session : null;

    public ChatOutcome<string> SetColor(ChatSession session, string requested)
    {
        if (ColorPalette.Parse(requested) is not { } color)
        {
            return ChatOutcome<string>.Refused(400, $"Pick one of {ColorPalette.Names}, or a colour as #rrggbb.");
        }

        if (string.Equals(color, session.Color, StringComparison.OrdinalIgnoreCase))
        {
            // The talk form sends its colour picker with every line; the same colour is no change.
            return ChatOutcome<string>.Done(session.Color);
        }

        var changed = _bus.Submit(new ColorChanged(session.Id, color));
        return changed.IsRefused ? ChatOutcome<string>.Refused(changed.StatusCode, changed.Refusal!) : ChatOutcome<string>.Done(color);
    }

    /// <summary>Starts or stops ignoring a user's lines, whispers and actions; the ignored user is not told.</summary>
    public ChatOutcome<string> SetIgnored(ChatSession session, string typedName, bool ignore)
    {
        var name = UserNameRules.Normalize(typedName);
        if (name.Length == 0)
        {
            return ChatOutcome<string>.Refused(400, ignore ? "Whom do you want to ignore? Type /ignore NAME." : "Whom do you want to see again? Type /unignore NAME.");
        }

        if (string.Equals(name, session.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return ChatOutcome<string>.Refused(400, "You cannot ignore yourself.");
        }

        var known = session.Ignored.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (!ignore && known is null)
        {
            return ChatOutcome<string>.Refused(404, $"You are not ignoring {name}.");
        }

        var canonical = known ?? FindOnline(name)?.UserName ?? name;
        var changed = _bus.Submit(new IgnoreChanged(session.Id, canonical, ignore));
        return changed.IsRefused ? ChatOutcome<string>.Refused(changed.StatusCode, changed.Refusal!) : ChatOutcome<string>.Done(canonical);
    }

    public ChatMessage PostNotice(string text) => PostNotice(_options.DefaultRoom, text)!;

    public ChatMessage? PostNotice(string room, string text) =>
        _bus.Submit(new LinePosted(room, ChatMessageKind.System, null, null, text, LineAudience.Room)).Line;

    /// <summary>Deletes a line for a user (who must own its room or be an admin), or for the host when <paramref name="by"/> is null.</summary>
    public ChangeResult DeleteLine(ChatSession? by, string room, long sequence) =>
        _bus.Submit(new LineDeleted(room, sequence, by?.Id));

    /// <summary>
    /// Moves the session to the room of that name (any case), opening it, owned by the session's
    /// user, when there is none and users may open rooms. The chat stream follows.
    /// </summary>
    public ChatOutcome<ChatRoom> JoinRoom(ChatSession session, string roomName)
    {
        var name = RoomNameRules.Normalize(roomName);
        var room = State.Rooms.Find(name);
        if (room is null)
        {
            if (RoomNameRules.Check(name) is { } error)
            {
                return ChatOutcome<ChatRoom>.Refused(400, error);
            }

            if (!_options.AllowUserRooms)
            {
                return ChatOutcome<ChatRoom>.Refused(403, $"There is no room called {name}, and only the server opens new rooms here.");
            }

            var created = _bus.Submit(new RoomCreated(name, session.UserName, Topic: null, Permanent: false, BySessionId: session.Id));
            room = State.Rooms.Find(name);
            if (created.IsRefused && room is null)
            {
                return ChatOutcome<ChatRoom>.Refused(created.StatusCode, created.Refusal!);
            }
        }

        Touch(session);
        var moved = _bus.Submit(new SessionMoved(session.Id, room!.Name));
        return moved.IsRefused ? ChatOutcome<ChatRoom>.Refused(moved.StatusCode, moved.Refusal!) : ChatOutcome<ChatRoom>.Done(room);
    }

    /// <summary>Sets the topic of the session's room; who may is decided when the change is applied.</summary>
    public ChatOutcome<ChatMessage> SetTopic(ChatSession session, string topic)
    {
        var room = session.Room;
        if (TopicError(topic) is { } error)
        {
            return ChatOutcome<ChatMessage>.Refused(error.StatusCode, error.Message);
        }

        Touch(session);
        var posted = _bus.Submit(new TopicChanged(room.Name, topic.Trim(), session.UserName, session.Id));
        return posted.Line is { } line ? ChatOutcome<ChatMessage>.Done(line) : ChatOutcome<ChatMessage>.Refused(posted.StatusCode, posted.Refusal ?? "The room has closed.");
    }

    /// <summary>Every room with its occupancy, topic and owner, the default room first.</summary>
    public IReadOnlyList<ChatRoomInfo> RoomList() => State.Rooms.All().Select(r => r.ToInfo()).ToArray();

    /// <summary>Opens a room of the host: no owner, and it stays when empty.</summary>
    public ChatOutcome<ChatRoom> CreateRoom(string roomName, string? topic)
    {
        var name = RoomNameRules.Normalize(roomName);
        if (RoomNameRules.Check(name) is { } error)
        {
            return ChatOutcome<ChatRoom>.Refused(400, error);
        }

        if (topic is not null && TopicError(topic) is { } topicError)
        {
            return ChatOutcome<ChatRoom>.Refused(topicError.StatusCode, topicError.Message);
        }

        var created = _bus.Submit(new RoomCreated(name, Owner: null, topic?.Trim(), Permanent: true));
        return created.IsRefused || State.Rooms.Find(name) is not { } room
            ? ChatOutcome<ChatRoom>.Refused(created.IsRefused ? created.StatusCode : 404, created.Refusal ?? $"{name} closed again.")
            : ChatOutcome<ChatRoom>.Done(room);
    }

    public ChangeResult CloseRoom(string roomName) => _bus.Submit(new RoomClosed(RoomNameRules.Normalize(roomName)));

    /// <summary>Sets a room's topic for the host.</summary>
    public ChangeResult SetTopic(string roomName, string topic) =>
        TopicError(topic) is { } error
            ? ChangeResult.Refused(error.StatusCode, error.Message)
            : _bus.Submit(new TopicChanged(RoomNameRules.Normalize(roomName), topic.Trim(), ChangedBy: null));

    /// <summary>Tells the joins and leaves crowded rooms held back this second; called once a second.</summary>
    public void FlushFoldedNotices()
    {
        foreach (var room in State.Rooms.All())
        {
            if (!room.Folded.IsEmpty)
            {
                _bus.Submit(new NoticesFolded(room.Name));
            }
        }
    }

    /// <summary>Closes the rooms users opened that stayed empty for the grace period.</summary>
    public void CloseEmptyRooms()
    {
        var now = Now;
        foreach (var room in State.Rooms.All())
        {
            if (!room.IsPermanent && room.EmptySince is { } since && now - since >= _options.EmptyRoomGracePeriod)
            {
                _bus.Submit(new RoomClosed(room.Name, since));
            }
        }
    }

    /// <summary>Applies a kick, ban, mute, op or the like; the state checks the actor's role as it is now.</summary>
    public ChangeResult Moderate(ChatChange change) => _bus.Submit(change);

    /// <summary>Whether the session may open the moderation page of its room: it may kick there, by the policy table (the acts check again).</summary>
    public static bool MayModerate(ChatSession session) => Policy.ChatPolicy.MayInOwnRoom(session, Policy.ChatAct.Kick);

    /// <summary>Counts a query (/who, /rooms, /help) against the session's budget; the refusal when it is spent, otherwise null.</summary>
    public ChangeResult? TakeQueryBudget(ChatSession session) => State.TakeBudget(session, Policy.ChatAct.Query);

    /// <summary>Forgets the bans and mutes that ran out; called once a second.</summary>
    public void SweepModeration()
    {
        if (State.ModerationMayHaveExpired)
        {
            _bus.Submit(new ModerationSwept());
        }
    }

    public void Leave(ChatSession session, ChatLeaveReason reason) => _bus.Submit(new SessionEnded(session.Id, reason, Announce: true));

    /// <summary>Ends a session the sweeper found due, unless it showed a sign of life since <paramref name="lastSeen"/>.</summary>
    public void Expire(ChatSession session, ChatLeaveReason reason, DateTimeOffset lastSeen) =>
        _bus.Submit(new SessionEnded(session.Id, reason, Announce: true, lastSeen));

    /// <summary>Who is online, by name (see <see cref="OnlineList"/>).</summary>
    public IReadOnlyList<ChatUserInfo> OnlineUsers() => Online.Users();

    /// <summary>
    /// Whether the login page invites guests: the option is on, and the server knows the accounts
    /// (a host's authenticator without a store decides alone; its page must not promise what it refuses).
    /// </summary>
    public bool GuestsInvited => _options.AllowGuests && _users is not null && (_authenticator is not UserStoreAuthenticator own || own.AllowsGuests);

    /// <summary>
    /// Whether a reserved name keeps this login out. Reserved names stop users passing for the
    /// server's staff, so they never block an administrator account the store holds (the host's
    /// first admin is often called "admin"): its password is still checked as for any account.
    /// </summary>
    private async Task<bool> BlockedByReservedNameAsync(string name, CancellationToken stopping)
    {
        if (!_reservedNames.Contains(name) || _users is null)
        {
            return _reservedNames.Contains(name);
        }

        var found = await _hooks.RunAsync(token => _users.FindAsync(name, token), stopping).ConfigureAwait(false);
        return !(found.End == HookEnd.Completed && found.Value is { Role: ChatRole.Admin });
    }

    /// <summary>From now on logins are refused; sessions stay until <see cref="Shutdown"/>.</summary>
    public void BeginShutdown() => State.Close();

    /// <summary>Tells every room the server stops and ends every session; one failing step does not skip the rest.</summary>
    public void Shutdown()
    {
        State.Close();
        foreach (var room in State.Rooms.All())
        {
            Guard(() => PostNotice(room.Name, "The chat server is shutting down. Goodbye!"));
        }

        foreach (var session in State.Sessions.All().ToArray())
        {
            Guard(() => _bus.Submit(new SessionEnded(session.Id, ChatLeaveReason.ServerStopped, Announce: false)));
        }
    }

    private void Guard(Action step) => ShutdownSteps.Run(_logger, step);

    /// <summary>The chat frame's last bytes; a renderer that fails here cannot keep the stream open.</summary>
    private ReadOnlyMemory<byte> Goodbye()
    {
        try
        {
            return Encoding.UTF8.GetBytes(Renderer.RenderChatEnd());
        }
#pragma warning disable CA1031 // The stream ends either way.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            return _fallbackGoodbye;
        }
    }

    private (int StatusCode, string Message)? TopicError(string topic) =>
        topic.Trim().Length > _options.Limits.MaxMessageLength
            ? (413, $"A topic can be at most {_options.Limits.MaxMessageLength} characters long.")
            : null;

    private static string ColorFor(string name, string? requested) =>
        requested is not null && ColorPalette.IsValid(requested) ? requested.ToLowerInvariant() : ColorPalette.ForName(name);
}
