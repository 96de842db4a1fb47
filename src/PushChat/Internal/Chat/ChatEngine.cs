using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Authentication;
using PushChat.Filtering;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Names;
using PushChat.Internal.Push;
using PushChat.Rendering;
using PushChat.Users;

namespace PushChat.Internal.Chat;

/// <summary>
/// The chat's rules for what users and the host ask of it: logging in, opening a stream,
/// speaking, leaving, stopping. Decisions go through the host's hooks; every resulting change
/// goes through the change bus to <see cref="ChatState"/>, the one place that applies it.
/// </summary>
internal sealed class ChatEngine
{
    private const string ShuttingDown = "The chat server is shutting down. Please come back later.";

    /// <summary>One answer for every name that cannot be registered, whatever the reason, so that it confirms no account.</summary>
    private const string CannotCheckAccount = "The server could not check your account, try again in a moment.";
    private const string CannotRegister = "This name cannot be registered. Pick another name; if you have an account, log in instead.";

    private readonly ChatServerOptions _options;
    private readonly IAuthenticator _authenticator;
    private readonly IReadOnlyList<IMessageFilter> _filters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChatChangeBus _bus;
    private readonly HookRunner _hooks;
    private readonly ReservedNames _reservedNames;
    private readonly LoginThrottle _logins;
    private readonly LogThrottle _refusalLog;
    private readonly AddressRateLimit _loginsPerAddress;
    private readonly AddressRateLimit _registrationsPerAddress;
    private readonly ServerRateLimit _registrations;
    private readonly AddressRateLimit _linesPerAddress;
    private readonly LogThrottle _budgetLog;
    private readonly LogThrottle _serverBudgetLog;
    private readonly LogThrottle _readerFailureLog;
    private readonly IUserStore? _users;
    private readonly PasswordVerifier _verifier;
    private readonly byte[] _fallbackGoodbye = Array.Empty<byte>();

    /// <summary>Creates the engine; <paramref name="users"/> is where registration and password changes write, null when the host's authenticator keeps its accounts where the server cannot reach them.</summary>
    public ChatEngine(ChatServerOptions options, IAuthenticator authenticator, IPageRenderer renderer, TimeProvider time, ILogger logger, ChatState state, IChatChangeBus bus, IUserStore? users = null, PasswordVerifier? verifier = null)
    {
        _users = users;
        _verifier = verifier ?? PasswordVerifier.Shared;
        _options = options;
        _authenticator = authenticator;
        _filters = options.MessageFilters.ToArray();
        Renderer = renderer;
        _time = time;
        _logger = logger;
        _hooks = new HookRunner(time, options.HookTimeout);
        _reservedNames = new ReservedNames(options.ReservedNames);
        _logins = new LoginThrottle(options.Limits, time);
        _refusalLog = new LogThrottle(time);
        _loginsPerAddress = new AddressRateLimit(options.Limits.MaxLoginsPerAddressPerMinute, TimeSpan.FromMinutes(1), time);
        _registrationsPerAddress = new AddressRateLimit(options.Limits.MaxRegistrationsPerAddressPerHour, TimeSpan.FromHours(1), time);
        _registrations = new ServerRateLimit(options.Limits.MaxRegistrationsPerMinute, TimeSpan.FromMinutes(1), time);
        _linesPerAddress = new AddressRateLimit(options.Limits.MaxLinesPerAddress, options.Limits.AddressLineWindow, time);
        _budgetLog = new LogThrottle(time);
        _serverBudgetLog = new LogThrottle(time);
        _readerFailureLog = new LogThrottle(time);
        State = state;
        Online = new OnlineList(state, time);
        _bus = bus;
    }

    public ChatState State { get; }

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
        if (!TakeBudget(_loginsPerAddress, remote.Address, nameof(ChatServerLimits.MaxLoginsPerAddressPerMinute)))
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

        if (await LockKeyAsync(name, stopping).ConfigureAwait(false) is not { } lockKey)
        {
            return ChatOutcome<ChatSession>.Refused(503, CannotCheckAccount);
        }

        if (_logins.LockedFor(lockKey) is { } locked)
        {
            Log.LoginWhileLockedOut(_logger, name, remote.Address, locked);
            return ChatOutcome<ChatSession>.Refused(429, TooManyFailures(locked));
        }

        var context = new AuthenticationContext(name, password, remote);
        var decision = await _hooks.RunAsync(token => _authenticator.AuthenticateAsync(context, token), stopping).ConfigureAwait(false);
        if (decision.End != HookEnd.Completed)
        {
            return ChatOutcome<ChatSession>.Refused(503, Refusal(decision.End, decision.Error, "Logging in", _authenticator));
        }

        var result = decision.Value!;
        if (!result.Succeeded)
        {
            if (_refusalLog.TryEnter(out var skipped))
            {
                Log.LoginRefused(_logger, name, remote.Address, skipped);
            }

            if (CountFailure(lockKey, name, remote.Address) is { } lockedNow)
            {
                return ChatOutcome<ChatSession>.Refused(429, TooManyFailures(lockedNow));
            }

            return ChatOutcome<ChatSession>.Refused(403, result.FailureReason ?? "Login refused.");
        }

        // A lock started by other attempts while this one was checked holds it too; otherwise a
        // burst of guesses sent at once would all be checked and one could get in.
        if (_logins.LockedFor(lockKey) is { } lockedMeanwhile)
        {
            return ChatOutcome<ChatSession>.Refused(429, TooManyFailures(lockedMeanwhile));
        }

        _logins.Succeeded(lockKey);

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

    /// <summary>
    /// Says a line as the session's user: to the room, to the room naming <paramref name="target"/>,
    /// or, when <paramref name="isPrivate"/>, to the target alone (a whisper, shown to both ends).
    /// The text goes through the length limit and every message filter first.
    /// </summary>
    public async Task<ChatOutcome<ChatMessage>> SpeakAsync(ChatSession session, ChatMessageKind kind, string typed, ChatSession? target, bool isPrivate, CancellationToken stopping)
    {
        var text = typed.Trim();
        if (text.Length == 0)
        {
            return ChatOutcome<ChatMessage>.Refused(422, "Type a message first.");
        }

        if (text.Length > _options.Limits.MaxMessageLength)
        {
            return ChatOutcome<ChatMessage>.Refused(413, $"A message can be at most {_options.Limits.MaxMessageLength} characters long.");
        }

        if (session.JoinedAt is null)
        {
            return ChatOutcome<ChatMessage>.Refused(409, "Your chat window is not open yet; wait a moment and send it again.");
        }

        // The flood filter counts per user; this counts what one client says through all its sessions.
        if (session.Role != ChatRole.Admin && !TakeBudget(_linesPerAddress, session.RemoteAddress, nameof(ChatServerLimits.MaxLinesPerAddress)))
        {
            return ChatOutcome<ChatMessage>.Refused(429, "Too many messages come from your network right now. Wait a moment and send it again.");
        }

        // The filters approve the line for this room; if the sender moves while they run, the
        // line is refused rather than said in a room they did not approve it for.
        var room = session.Room.Name;
        Touch(session);
        foreach (var filter in _filters)
        {
            var context = new MessageFilterContext(session.UserName, session.Role, room, text, session.RemoteAddress, Now);
            var decision = await _hooks.RunAsync(token => filter.FilterAsync(context, token), stopping).ConfigureAwait(false);
            if (decision.End != HookEnd.Completed)
            {
                return ChatOutcome<ChatMessage>.Refused(503, Refusal(decision.End, decision.Error, "Checking your message", filter));
            }

            var verdict = decision.Value!;
            if (!verdict.IsAllowed)
            {
                return ChatOutcome<ChatMessage>.Refused(verdict.StatusCode, verdict.RejectionReason ?? "Your message was not accepted.");
            }

            text = verdict.Text ?? text;
        }

        var line = isPrivate && target is not null
            ? new LinePosted(room, ChatMessageKind.Whisper, session.UserName, session.Color, text, LineAudience.Sessions(session.Id, target.Id), session.Id, target.UserName, target.Id)
            : new LinePosted(room, kind, session.UserName, session.Color, text, LineAudience.Room, session.Id, target?.UserName);
        var posted = _bus.Submit(line);
        if (posted.Line is not { } message)
        {
            return ChatOutcome<ChatMessage>.Refused(posted.IsRefused ? posted.StatusCode : 404, posted.Refusal ?? "Your session has ended.");
        }

        Log.MessagePosted(_logger, session.UserName, message.Room, text.Length);
        return ChatOutcome<ChatMessage>.Done(message);
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
            return ChatOutcome<string>.Refused(400, $"Pick one of {string.Join(", ", DefaultStyleSheet.Colors.Select(c => c.Label))}, or a colour as #rrggbb.");
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

    /// <summary>Whether the login page offers registration: the option is on and the server has a store to write to.</summary>
    public bool RegistrationOpen => _options.AllowRegistration && _users is not null;

    /// <summary>
    /// Whether the login page invites guests: the option is on, and the server knows the accounts
    /// (a host's authenticator without a store decides alone; its page must not promise what it refuses).
    /// </summary>
    public bool GuestsInvited => _options.AllowGuests && _users is not null && (_authenticator is not UserStoreAuthenticator own || own.AllowsGuests);

    /// <summary>Whether the session's user has a password in the server's store to change: registered users, not guests.</summary>
    public bool MayChangePassword(ChatSession session) => _users is not null && session.Role != ChatRole.Guest;

    /// <summary>
    /// Creates an account with the role <see cref="ChatRole.User"/> for a free name; the caller
    /// logs it in. The password is hashed off the connection loops, in the verifier's slots.
    /// </summary>
    /// <remarks>
    /// A name that cannot be registered (it has an account, looks like one, is reserved, or is in
    /// the chat now) gets one answer, after the same hashing work as a free name, so that the
    /// form does not tell which of them it is, nor whether an account exists; every try draws on
    /// the registration budgets, so probing names costs as much as squatting them.
    /// </remarks>
    public async Task<ChatOutcome<UserAccount>> RegisterAsync(string typedName, string password, string confirm, IPEndPoint remote, CancellationToken stopping)
    {
        if (!RegistrationOpen)
        {
            return ChatOutcome<UserAccount>.Refused(404, "Registration is closed here.");
        }

        var name = UserNameRules.Normalize(typedName);
        if ((UserNameRules.Check(name, _options.Limits.MaxUserNameLength) ?? PasswordError(password, confirm)) is { } error)
        {
            return ChatOutcome<UserAccount>.Refused(400, error);
        }

        // In front of the hash, which is what a registration costs (RFC 6585 §4: 429).
        if (!TakeBudget(_registrationsPerAddress, remote.Address, nameof(ChatServerLimits.MaxRegistrationsPerAddressPerHour)))
        {
            return ChatOutcome<UserAccount>.Refused(429, "Too many registrations from your network in the last hour. Please try again later, or log in if you have an account.");
        }

        if (!TakeServerBudget(_registrations, nameof(ChatServerLimits.MaxRegistrationsPerMinute)))
        {
            return ChatOutcome<UserAccount>.Refused(429, "Too many new accounts are being registered right now. Wait a minute and try again.");
        }

        // Asked before the hash so that the store sees no write for a name it would refuse; its create decides in the end.
        var taken = _reservedNames.Contains(name) || State.Sessions.FindLookAlike(name) is not null;
        if (!taken)
        {
            var existing = await _hooks.RunAsync(token => _users!.FindAsync(name, token), stopping).ConfigureAwait(false);
            if (existing.End != HookEnd.Completed)
            {
                return ChatOutcome<UserAccount>.Refused(503, Refusal(existing.End, existing.Error, "Registering", _users!));
            }

            taken = existing.Value is not null;
        }

        UserAccount account;
        try
        {
            // Hashed for a name that cannot be registered too: answered at once, it would tell by its timing.
            account = new UserAccount(name, await _verifier.HashAsync(password, stopping).ConfigureAwait(false), ChatRole.User, null);
        }
        catch (OperationCanceledException)
        {
            return ChatOutcome<UserAccount>.Refused(503, ShuttingDown);
        }

        if (taken)
        {
            return ChatOutcome<UserAccount>.Refused(409, CannotRegister);
        }

        var created = await _hooks.RunAsync(token => _users!.CreateAsync(account, token), stopping).ConfigureAwait(false);
        if (created.End != HookEnd.Completed)
        {
            return ChatOutcome<UserAccount>.Refused(503, Refusal(created.End, created.Error, "Registering", _users!));
        }

        if (!created.Value)
        {
            return ChatOutcome<UserAccount>.Refused(409, CannotRegister);
        }

        Log.UserRegistered(_logger, name, remote.Address);
        return ChatOutcome<UserAccount>.Done(account);
    }

    /// <summary>
    /// Whether a refused login was for a name that could be registered: registration is open, the
    /// name is not reserved and the store has no account of that name. Only when guests are
    /// allowed: then a guest login with an empty password tells anyone whether a name has an
    /// account (a guest cannot take it), so the offer tells nothing more and saves a new user a
    /// detour. Without guests an unknown name and a wrong password get the same answer, so that the
    /// login form does not tell who has an account.
    /// </summary>
    public async Task<bool> MayRegisterAsync(string typedName, CancellationToken stopping)
    {
        var name = UserNameRules.Normalize(typedName);
        if (!RegistrationOpen || !_options.AllowGuests || UserNameRules.Check(name, _options.Limits.MaxUserNameLength) is not null || _reservedNames.Contains(name))
        {
            return false;
        }

        var found = await _hooks.RunAsync(token => _users!.FindAsync(name, token), stopping).ConfigureAwait(false);
        return found.End == HookEnd.Completed && found.Value is null;
    }

    /// <summary>
    /// Changes the session's user's password once the current one is proven, then ends every
    /// other session of the user: whoever knew the old password is out, the one who changed it stays.
    /// </summary>
    public async Task<ChatOutcome<UserAccount>> ChangePasswordAsync(ChatSession session, string current, string password, string confirm, CancellationToken stopping)
    {
        if (!MayChangePassword(session))
        {
            return ChatOutcome<UserAccount>.Refused(403, "Only registered users have a password to change.");
        }

        if (PasswordError(password, confirm) is { } error)
        {
            return ChatOutcome<UserAccount>.Refused(400, error);
        }

        Touch(session);
        var found = await _hooks.RunAsync(token => _users!.FindAsync(session.UserName, token), stopping).ConfigureAwait(false);
        if (found.End != HookEnd.Completed)
        {
            return ChatOutcome<UserAccount>.Refused(503, Refusal(found.End, found.Error, "Changing your password", _users!));
        }

        if (found.Value is not { } account)
        {
            return ChatOutcome<UserAccount>.Refused(404, "Your account no longer exists.");
        }

        // The current password is checked as a login checks it, against the account's lock-out:
        // whoever holds a session link could otherwise guess it at hashing speed.
        var lockKey = LoginKeys.Account(account.Name);
        if (_logins.LockedFor(lockKey) is { } locked)
        {
            Log.LoginWhileLockedOut(_logger, account.Name, session.RemoteAddress, locked);
            return ChatOutcome<UserAccount>.Refused(429, TooManyFailures(locked));
        }

        UserAccount changed;
        try
        {
            if (!await _verifier.VerifyAsync(current, account.PasswordHash, stopping).ConfigureAwait(false))
            {
                Log.PasswordChangeRefused(_logger, session.UserName, session.RemoteAddress);
                return CountFailure(lockKey, account.Name, session.RemoteAddress) is { } lockedNow
                    ? ChatOutcome<UserAccount>.Refused(429, TooManyFailures(lockedNow))
                    : ChatOutcome<UserAccount>.Refused(403, "Your current password is wrong.");
            }

            // A lock started by guesses checked meanwhile holds this one too, as for a login.
            if (_logins.LockedFor(lockKey) is { } lockedMeanwhile)
            {
                return ChatOutcome<UserAccount>.Refused(429, TooManyFailures(lockedMeanwhile));
            }

            _logins.Succeeded(lockKey);

            changed = new UserAccount(account.Name, await _verifier.HashAsync(password, stopping).ConfigureAwait(false), account.Role, account.Color);
        }
        catch (OperationCanceledException)
        {
            return ChatOutcome<UserAccount>.Refused(503, ShuttingDown);
        }

        // Compare-and-set, so that a role or colour given meanwhile is kept (one retry from a fresh
        // read) and a password changed meanwhile is not overwritten by one checked against the old.
        var updated = await _hooks.RunAsync(token => _users!.UpdateAsync(account, changed, token), stopping).ConfigureAwait(false);
        if (updated.End == HookEnd.Completed && !updated.Value)
        {
            var fresh = await _hooks.RunAsync(token => _users!.FindAsync(session.UserName, token), stopping).ConfigureAwait(false);
            if (fresh.End != HookEnd.Completed)
            {
                return ChatOutcome<UserAccount>.Refused(503, Refusal(fresh.End, fresh.Error, "Changing your password", _users!));
            }

            if (fresh.Value is { } again && again.PasswordHash == account.PasswordHash)
            {
                var retried = new UserAccount(again.Name, changed.PasswordHash, again.Role, again.Color);
                updated = await _hooks.RunAsync(token => _users!.UpdateAsync(again, retried, token), stopping).ConfigureAwait(false);
                changed = retried;
            }

            if (updated.End == HookEnd.Completed && !updated.Value && fresh.Value is not null)
            {
                return ChatOutcome<UserAccount>.Refused(409, "Your password was changed meanwhile, in another window or by a login. Enter your current password again.");
            }
        }

        if (updated.End != HookEnd.Completed || !updated.Value)
        {
            return updated.End == HookEnd.Completed
                ? ChatOutcome<UserAccount>.Refused(404, "Your account no longer exists.")
                : ChatOutcome<UserAccount>.Refused(503, Refusal(updated.End, updated.Error, "Changing your password", _users!));
        }

        _bus.Submit(new OtherSessionsEnded(session.UserName, session.Id, "Your password was changed in another window, so this session has ended. Log in again with the new password."));
        Log.PasswordChanged(_logger, session.UserName);
        return ChatOutcome<UserAccount>.Done(changed);
    }

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

    /// <summary>
    /// The lock-out key of a typed name: the account the store finds for it (by any spelling that
    /// finds it), else the name's look-alike skeleton; null when the store does not answer (logged),
    /// so the login is refused rather than counted under a key that skips the account's lock. A
    /// host's authenticator without a store the server can ask leaves the skeleton: the stores find
    /// accounts by it, so the look-alikes of one account still share one count.
    /// </summary>
    private async Task<string?> LockKeyAsync(string name, CancellationToken stopping)
    {
        if (_users is null)
        {
            return LoginKeys.Name(name);
        }

        var found = await _hooks.RunAsync(token => _users.FindAsync(name, token), stopping).ConfigureAwait(false);
        if (found.End != HookEnd.Completed)
        {
            _ = Refusal(found.End, found.Error, "Logging in", _users);
            return null;
        }

        return found.Value is { } account ? LoginKeys.Account(account.Name) : LoginKeys.Name(name);
    }

    /// <summary>Counts a wrong password against the key; how long the key is locked when this or an earlier failure locked it.</summary>
    private TimeSpan? CountFailure(string lockKey, string name, IPAddress address)
    {
        if (_logins.Failed(lockKey) is not { } lockout)
        {
            return null;
        }

        if (lockout.IsNew)
        {
            Log.LoginLockedOut(_logger, name, lockout.Remaining.TotalMinutes, lockout.Failures, lockout.Count, address);
        }

        return lockout.Remaining;
    }

    private string? PasswordError(string password, string confirm)
    {
        var limits = _options.Limits;
        return password.Length < limits.MinPasswordLength ? $"A password needs at least {limits.MinPasswordLength} characters; a few words make a good one."
            : password.Length > limits.MaxPasswordLength ? $"A password can be at most {limits.MaxPasswordLength} characters long."
            : !string.Equals(password, confirm, StringComparison.Ordinal) ? "The two passwords differ; type the same password twice."
            : null;
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

    private string Refusal(HookEnd end, Exception? error, string action, object hook)
    {
        switch (end)
        {
            case HookEnd.TimedOut:
                Log.HookTimedOut(_logger, hook.GetType().Name, _options.HookTimeout);
                return $"{action} took too long. Please try again.";
            case HookEnd.ServerStopping:
                return ShuttingDown;
            default:
                Log.HookFailed(_logger, hook.GetType().Name, error);
                return hook switch
                {
                    IAuthenticator => "Logging in is not possible right now. Please try again later.",
                    IUserStore => $"{action} is not possible right now. Please try again later.",
                    _ => "Your message could not be checked right now. Please send it again.",
                };
        }
    }

    /// <summary>Counts an event of the client's address against a budget (RFC 6585 §4: refused with 429); false when it is spent.</summary>
    private bool TakeBudget(AddressRateLimit budget, IPAddress address, string limit)
    {
        var key = AddressKey.Of(address, _options.Limits.AddressPrefixIPv6);
        if (budget.TryTake(key))
        {
            return true;
        }

        if (_budgetLog.TryEnter(out var skipped))
        {
            Log.AddressBudgetReached(_logger, limit, key.ToString(), skipped);
        }

        return false;
    }

    /// <summary>Counts an event against a budget of every client together; false when it is spent.</summary>
    private bool TakeServerBudget(ServerRateLimit budget, string limit)
    {
        if (budget.TryTake())
        {
            return true;
        }

        if (_serverBudgetLog.TryEnter(out var skipped))
        {
            Log.ServerBudgetReached(_logger, limit, skipped);
        }

        return false;
    }

    /// <summary>RFC 6585 §4: 429 for too many requests; the same words for every name, known or not.</summary>
    private static string TooManyFailures(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return $"Too many failed logins for this name; try again in {minutes} minute{(minutes == 1 ? string.Empty : "s")}.";
    }

    private (int StatusCode, string Message)? TopicError(string topic) =>
        topic.Trim().Length > _options.Limits.MaxMessageLength
            ? (413, $"A topic can be at most {_options.Limits.MaxMessageLength} characters long.")
            : null;

    private static string ColorFor(string name, string? requested) =>
        requested is not null && ColorPalette.IsValid(requested) ? requested.ToLowerInvariant() : ColorPalette.ForName(name);
}
