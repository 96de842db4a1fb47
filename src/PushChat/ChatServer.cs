using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PushChat.Authentication;
using PushChat.Internal.Chat;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Http;
using PushChat.Internal.Push;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Transport;
using PushChat.Rendering;
using PushChat.Users;

namespace PushChat;

/// <summary>
/// A browser chat room with server push, served by its own socket engine. Create it with
/// options, <see cref="StartAsync"/> it, and point browsers at <see cref="LocalEndPoint"/>.
/// Events are raised after the fact, in order, on a background thread, never on the socket loops.
/// </summary>
public sealed class ChatServer : IAsyncDisposable
{
    private readonly ChatServerOptions _configured;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IMeterFactory? _meterFactory;
    private readonly RegisteredPlugIns? _plugIns;
    private readonly object _lifecycle = new();
    private Running? _running;
    private bool _started;

    // Set by the first stop; every later stop waits for it, and any caller's token cuts it short.
    private TaskCompletionSource<bool>? _stopped;
    private CancellationTokenSource? _cutStop;

    /// <summary>
    /// Creates a server; nothing listens until <see cref="StartAsync"/>. With dependency
    /// injection, register it with <c>services.AddPushChat(…)</c> instead.
    /// </summary>
    /// <param name="options">How the server behaves; copied at start.</param>
    /// <param name="loggerFactory">Where to log; nothing is logged when <see langword="null"/>.</param>
    /// <param name="meterFactory">Where the server's meter comes from, so that its counts stay apart from other servers'; a meter of its own when <see langword="null"/>.</param>
    public ChatServer(ChatServerOptions options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(options, loggerFactory, TimeProvider.System, plugIns: null, meterFactory)
    {
    }

    /// <summary>For tests and the container: every timeout reads this clock; registered plug-ins fill what the options leave unset.</summary>
    internal ChatServer(ChatServerOptions options, ILoggerFactory? loggerFactory, TimeProvider time, RegisteredPlugIns? plugIns = null, IMeterFactory? meterFactory = null)
    {
        _configured = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("PushChat");
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _plugIns = plugIns;
        _meterFactory = meterFactory;
    }

    /// <summary>A user opened the chat for the first time in a session.</summary>
    public event EventHandler<ChatUserEventArgs>? UserJoined;

    /// <summary>A user left: by Leave, lost connection, timeout, or the server stopping.</summary>
    public event EventHandler<ChatUserEventArgs>? UserLeft;

    /// <summary>A line was posted to a room (by a user or a notice).</summary>
    public event EventHandler<ChatMessageEventArgs>? MessagePosted;

    /// <summary>A line was deleted by the host, a room's owner or an admin.</summary>
    public event EventHandler<ChatLineDeletedEventArgs>? LineDeleted;

    /// <summary>A user moved from one room to another in the same session.</summary>
    public event EventHandler<ChatUserMovedEventArgs>? UserMoved;

    /// <summary>A room was opened, by a user (its owner) or by <see cref="CreateRoom"/>.</summary>
    public event EventHandler<ChatRoomEventArgs>? RoomCreated;

    /// <summary>A room closed: by <see cref="CloseRoom"/>, or because it stayed empty for <see cref="ChatServerOptions.EmptyRoomGracePeriod"/>.</summary>
    public event EventHandler<ChatRoomEventArgs>? RoomClosed;

    /// <summary>A room's topic changed, by its owner, an admin or <see cref="SetTopic"/>.</summary>
    public event EventHandler<ChatRoomEventArgs>? TopicChanged;

    /// <summary>
    /// A privileged act was done: a kick, ban, mute, op, room closing or address lookup by an
    /// admin or a room's owner, or a moderation call of the host. An audit record: who, whom, where, why, until when.
    /// </summary>
    public event EventHandler<ChatModerationEventArgs>? ModerationPerformed;

    /// <summary>A user tried a privileged act that the user's role or ownership does not allow; <see cref="ChatModerationEventArgs.Refusal"/> says why.</summary>
    public event EventHandler<ChatModerationEventArgs>? ModerationRefused;

    /// <summary>The address and port the server listens on, once started (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _running?.Listener.LocalEndPoint;

    /// <summary>The address and port of the plain HTTP port that redirects to HTTPS, once started with <see cref="ChatServerOptions.HttpRedirectPort"/>; otherwise null.</summary>
    public IPEndPoint? HttpRedirectEndPoint => _running?.RedirectListener?.LocalEndPoint;

    /// <summary>Whether the server is listening: false before start, after stop, and after the listener failed (logged as critical).</summary>
    public bool IsRunning => _running is { Listener.Failed: false };

    /// <summary>The rooms with their occupancy, topic and owner, the default room first. Empty when the server is not running.</summary>
    public IReadOnlyList<ChatRoomInfo> Rooms => _running?.Engine.RoomList() ?? Array.Empty<ChatRoomInfo>();

    /// <summary>The users in the chat, by name. Empty when the server is not running.</summary>
    public IReadOnlyList<ChatUserInfo> OnlineUsers => _running?.Engine.OnlineUsers() ?? Array.Empty<ChatUserInfo>();

    /// <summary>
    /// Every session, by name, with its address, room, role and idle time, for the host's
    /// moderation; also sessions whose chat frame is not open yet. Never carries session ids.
    /// Empty when the server is not running.
    /// </summary>
    public IReadOnlyList<ChatSessionInfo> Sessions => _running?.Engine.State.SessionList() ?? Array.Empty<ChatSessionInfo>();

    /// <summary>Validates the options and starts listening. A server starts once.</summary>
    /// <param name="cancellationToken">Not used; starting does not wait.</param>
    /// <returns>A completed task once the socket listens.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The address or port cannot be bound.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            if (_started)
            {
                throw new InvalidOperationException("A ChatServer can be started only once; create a new one.");
            }

            var options = _configured.Snapshot();
            _plugIns?.ApplyTo(options);
            ChatServerOptionsValidator.ThrowIfInvalid(options);
            foreach (var warning in ChatServerOptionsValidator.Warnings(options))
            {
                Log.OptionsWarning(_logger, warning);
            }

            _running = Running.Start(options, _time, _logger, _meterFactory, new EventForwarder(this));
            _started = true;
        }

        Log.Listening(_logger, _running.Listener.LocalEndPoint);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops gracefully: stops accepting, tells every open chat the server is shutting down,
    /// waits up to <see cref="ChatServerOptions.ShutdownTimeout"/> for streams to take it, then
    /// closes every connection.
    /// </summary>
    /// <param name="cancellationToken">Cuts the wait short; connections are closed at once.</param>
    /// <returns>
    /// A task that completes when every connection is closed. A stop called while another runs
    /// completes with it, not before.
    /// </returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Running? running;
        TaskCompletionSource<bool> stopped;
        CancellationTokenSource cut;
        lock (_lifecycle)
        {
            running = _stopped is null ? _running : null;
            if (_stopped is null && running is null)
            {
                // Never started: nothing to stop.
                return;
            }

            if (running is not null)
            {
                _running = null;
                _stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _cutStop = new CancellationTokenSource();
            }

            stopped = _stopped!;
            cut = _cutStop!;
        }

        using var registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), cut);
        if (running is not null)
        {
            try
            {
                await running.StopAsync(_time, cut.Token).ConfigureAwait(false);
                Log.Stopped(_logger);
                stopped.TrySetResult(true);
            }
            catch (Exception ex)
            {
                stopped.TrySetException(ex);
                throw;
            }
        }

        await stopped.Task.ConfigureAwait(false);
    }

    /// <summary>Posts a system notice to a room; every reader sees it at once.</summary>
    /// <param name="text">The notice, as plain text (it is escaped).</param>
    /// <returns>The posted line, with its sequence number.</returns>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public ChatMessage PostNotice(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException("A notice needs text.", nameof(text));
        }

        var running = _running ?? throw new InvalidOperationException("The server is not running.");
        return running.Engine.PostNotice(text);
    }

    /// <summary>
    /// Whispers a line from the server to one online user, in whatever room they are: only that
    /// user sees it (a <see cref="ChatMessageKind.Whisper"/> without a sender).
    /// </summary>
    /// <param name="userName">The user's name (any case).</param>
    /// <param name="text">The line, as plain text (it is escaped).</param>
    /// <returns>The line, or <see langword="null"/> when nobody of that name is online.</returns>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public ChatMessage? Whisper(string userName, string text)
    {
        if (string.IsNullOrEmpty(userName))
        {
            throw new ArgumentException("A whisper needs a user name.", nameof(userName));
        }

        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException("A whisper needs text.", nameof(text));
        }

        var running = _running ?? throw new InvalidOperationException("The server is not running.");
        return running.Engine.Whisper(userName, text);
    }

    /// <summary>
    /// Deletes a line: it leaves its room's history, and every open chat frame hides it within
    /// moments, also one that has since moved to another room. Raises <see cref="LineDeleted"/>.
    /// </summary>
    /// <param name="room">The room of the line (<see cref="ChatMessage.Room"/>; case does not matter).</param>
    /// <param name="sequence">The line's number in its room (<see cref="ChatMessage.Sequence"/>).</param>
    /// <returns>
    /// <see langword="true"/> when the line was deleted; <see langword="false"/> when there is no
    /// such room, or the line is no longer in its history (too old, or deleted already).
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="room"/> is null or empty.</exception>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public bool DeleteLine(string room, long sequence)
    {
        if (string.IsNullOrEmpty(room))
        {
            throw new ArgumentException("Name the room of the line.", nameof(room));
        }

        var running = _running ?? throw new InvalidOperationException("The server is not running.");
        return !running.Engine.DeleteLine(null, room, sequence).IsRefused;
    }

    /// <summary>Posts a system notice to one room; every reader in it sees it at once.</summary>
    /// <param name="room">The room's name, in any case.</param>
    /// <param name="text">The notice, as plain text (it is escaped).</param>
    /// <returns>The posted line, with its sequence number in that room.</returns>
    /// <exception cref="InvalidOperationException">The server is not running, or there is no such room.</exception>
    public ChatMessage PostNotice(string room, string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException("A notice needs text.", nameof(text));
        }

        return RunningEngine(nameof(room), room).PostNotice(room, text) ?? throw new InvalidOperationException($"There is no room called {room}.");
    }

    /// <summary>
    /// Opens a room of the host's: it has no owner and stays open when empty, until <see cref="CloseRoom"/>.
    /// Names follow the room name rules: 1 to 32 letters, digits, spaces, '-' and '_'.
    /// </summary>
    /// <param name="name">The room's name.</param>
    /// <param name="topic">Its topic, or <see langword="null"/>.</param>
    /// <returns>The new room.</returns>
    /// <exception cref="ArgumentException">The name breaks the room name rules.</exception>
    /// <exception cref="InvalidOperationException">
    /// The server is not running, a room of that name exists, or <see cref="ChatServerLimits.MaxRooms"/>
    /// is reached; or an open room's name looks too much like it (a user's "Supp0rt" beside "Support"):
    /// the message names that room, which stays open, since its users are in the middle of something.
    /// To take the name, close that room with <see cref="CloseRoom"/> (its users move to the default
    /// room, told why) and call this again.
    /// </exception>
    public ChatRoomInfo CreateRoom(string name, string? topic = null)
    {
        var outcome = RunningEngine(nameof(name), name).CreateRoom(name, topic);
        return outcome.Value?.ToInfo() ?? throw (outcome.StatusCode == 400
            ? new ArgumentException(outcome.Error, nameof(name))
            : new InvalidOperationException(outcome.Error));
    }

    /// <summary>Closes a room; the users in it move to the default room, and both rooms are told.</summary>
    /// <param name="name">The room's name, in any case.</param>
    /// <returns><see langword="true"/> when the room was closed, <see langword="false"/> when there is no such room.</returns>
    /// <exception cref="InvalidOperationException">The server is not running, or the room is the default room, which never closes.</exception>
    public bool CloseRoom(string name)
    {
        var result = RunningEngine(nameof(name), name).CloseRoom(name);
        if (result.IsRefused && result.StatusCode != 404)
        {
            throw new InvalidOperationException(result.Refusal);
        }

        return !result.IsRefused;
    }

    /// <summary>Sets a room's topic; the room is told ("The topic is now: …").</summary>
    /// <param name="room">The room's name, in any case.</param>
    /// <param name="topic">The new topic, as plain text (it is escaped), at most <see cref="ChatServerLimits.MaxMessageLength"/> characters.</param>
    /// <returns>The notice posted to the room.</returns>
    /// <exception cref="ArgumentException">The topic is longer than <see cref="ChatServerLimits.MaxMessageLength"/>.</exception>
    /// <exception cref="InvalidOperationException">The server is not running, or there is no such room.</exception>
    public ChatMessage SetTopic(string room, string topic)
    {
        if (topic is null)
        {
            throw new ArgumentNullException(nameof(topic));
        }

        var result = RunningEngine(nameof(room), room).SetTopic(room, topic);
        return result.Line ?? throw (result.StatusCode == 413 ? new ArgumentException(result.Refusal, nameof(topic)) : new InvalidOperationException(result.Refusal));
    }

    /// <summary>
    /// Puts a user out of the chat: the chat frame says so and stops, the room is told, and the
    /// session id stops working. The user may log in again; <see cref="Ban(string, TimeSpan, string)"/> keeps them out.
    /// Raises <see cref="UserLeft"/> (<see cref="ChatLeaveReason.Kicked"/>) and <see cref="ModerationPerformed"/>.
    /// </summary>
    /// <param name="userName">The user's name (any case).</param>
    /// <param name="reason">Shown to the user and the room, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the user was online and is out; <see langword="false"/> when nobody of that name is online.</returns>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public bool Kick(string userName, string? reason = null) =>
        !Moderate(nameof(userName), userName, name => new UserKicked(null, name, reason)).IsRefused;

    /// <summary>
    /// Bans a user name for a while: logins with it are refused until the ban ends (on the
    /// server's clock), and a session of that name ends at once. The name need not be online.
    /// Raises <see cref="ModerationPerformed"/>.
    /// </summary>
    /// <param name="userName">The user's name (any case).</param>
    /// <param name="duration">How long; more than zero and at most 365 days.</param>
    /// <param name="reason">Shown to the user at login and to the room, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not more than zero and at most 365 days.</exception>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public void Ban(string userName, TimeSpan duration, string? reason = null) =>
        Moderate(nameof(userName), userName, name => new UserBanned(null, name, ByAddress: false, null, Checked(duration), reason));

    /// <summary>
    /// Bans an address for a while: logins from it are refused, except an admin's, until the ban
    /// ends, and the sessions from it end at once (admins' excepted). Raises <see cref="ModerationPerformed"/>.
    /// </summary>
    /// <param name="address">The address (an IPv4 address mapped into IPv6 counts as the IPv4 address).</param>
    /// <param name="duration">How long; more than zero and at most 365 days.</param>
    /// <param name="reason">Shown at login and to the rooms of the sessions it ends, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not more than zero and at most 365 days.</exception>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public void Ban(IPAddress address, TimeSpan duration, string? reason = null)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }

        RunningEngine().Moderate(new UserBanned(null, string.Empty, ByAddress: true, address, Checked(duration), reason));
    }

    /// <summary>Lifts the ban of a user name before it ends. Raises <see cref="ModerationPerformed"/>.</summary>
    /// <param name="userName">The banned name (any case).</param>
    /// <returns><see langword="false"/> when the name was not banned.</returns>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public bool Unban(string userName) =>
        !Moderate(nameof(userName), userName, name => new BanLifted(null, name, null)).IsRefused;

    /// <summary>Lifts the ban of an address before it ends. Raises <see cref="ModerationPerformed"/>.</summary>
    /// <param name="address">The banned address.</param>
    /// <returns><see langword="false"/> when the address was not banned.</returns>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public bool Unban(IPAddress address)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }

        return !RunningEngine().Moderate(new BanLifted(null, address.ToString(), address)).IsRefused;
    }

    /// <summary>
    /// Mutes a user for a while: their lines, whispers and actions are refused, with the time the
    /// mute ends, until it ends; they still read and use commands. The mute follows the name
    /// through new logins; the name need not be online. Raises <see cref="ModerationPerformed"/>.
    /// </summary>
    /// <param name="userName">The user's name (any case).</param>
    /// <param name="duration">How long; more than zero and at most 365 days.</param>
    /// <param name="reason">Shown to the user, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not more than zero and at most 365 days.</exception>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public void Mute(string userName, TimeSpan duration, string? reason = null) =>
        Moderate(nameof(userName), userName, name => new UserMuted(null, name, Checked(duration), reason));

    /// <summary>Lets a muted user speak again at once. Raises <see cref="ModerationPerformed"/>.</summary>
    /// <param name="userName">The user's name (any case).</param>
    /// <returns><see langword="false"/> when the user was not muted.</returns>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public bool Unmute(string userName) =>
        !Moderate(nameof(userName), userName, name => new MuteLifted(null, name)).IsRefused;

    /// <summary>
    /// Moves an online user to another room; the chat frame follows and both rooms are told.
    /// Raises <see cref="UserMoved"/> and <see cref="ModerationPerformed"/>.
    /// </summary>
    /// <param name="userName">The user's name (any case).</param>
    /// <param name="room">The room's name (any case).</param>
    /// <returns><see langword="false"/> when nobody of that name is online, or there is no room of that name (nothing changes then).</returns>
    /// <exception cref="InvalidOperationException">The server is not running, or the room is full.</exception>
    public bool MoveUser(string userName, string room)
    {
        // A room that does not exist is an answer, like a user who is not online: a host acting
        // on a stale list of rooms gets false, not an exception.
        if (RunningEngine(nameof(room), room).State.Rooms.Find(RoomNameRules.Normalize(room)) is not { } found)
        {
            return false;
        }

        var roomName = RoomNameRules.Normalize(found.Name);
        var result = Moderate(nameof(userName), userName, name => new UserRelocated(name, roomName));
        if (result.IsRefused && result.StatusCode != 404)
        {
            throw new InvalidOperationException(result.Refusal);
        }

        return !result.IsRefused;
    }

    /// <summary>
    /// Gives an online user's session another role, from its next act on (making an admin, or
    /// taking admin away). The account in the user store keeps its role; the next login reads it.
    /// Raises <see cref="ModerationPerformed"/>.
    /// </summary>
    /// <param name="userName">The user's name (any case).</param>
    /// <param name="role">The new role.</param>
    /// <returns><see langword="false"/> when nobody of that name is online.</returns>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public bool SetRole(string userName, ChatRole role) =>
        !Moderate(nameof(userName), userName, name => new RoleChanged(name, role)).IsRefused;

    /// <summary>Stops the server (see <see cref="StopAsync"/>).</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>For tests: the open connections.</summary>
    internal ConnectionRegistry? Connections => _running?.Context.Connections;

    /// <summary>For tests: the engine of a running server.</summary>
    internal ChatEngine? Engine => _running?.Engine;

    private ChatEngine RunningEngine() => (_running ?? throw new InvalidOperationException("The server is not running.")).Engine;

    private ChangeResult Moderate(string parameter, string userName, Func<string, ChatChange> change)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new ArgumentException("Name the user.", parameter);
        }

        return RunningEngine().Moderate(change(UserNameRules.Normalize(userName)));
    }

    private static TimeSpan Checked(TimeSpan duration) =>
        duration > TimeSpan.Zero && duration <= Internal.Chat.Policy.ChatPolicy.LongestOnServer
            ? duration
            : throw new ArgumentOutOfRangeException(nameof(duration), duration, "A ban or mute lasts more than zero and at most 365 days.");

    private ChatEngine RunningEngine(string parameter, string room)
    {
        if (room is null)
        {
            throw new ArgumentNullException(parameter);
        }

        return (_running ?? throw new InvalidOperationException("The server is not running.")).Engine;
    }

    /// <summary>Everything a started server owns.</summary>
    private sealed class Running
    {
        private readonly CancellationTokenSource _stopping;
        private readonly ChatMetrics _metrics;
        private readonly ILogger _logger;

        private Running(ChatEngine engine, ServiceContext context, SocketListener listener, Heartbeat heartbeat, NotificationDispatcher notifications, CancellationTokenSource stopping, ChatMetrics metrics, ILogger logger)
        {
            Engine = engine;
            Context = context;
            Listener = listener;
            Heartbeat = heartbeat;
            Notifications = notifications;
            _stopping = stopping;
            _metrics = metrics;
            _logger = logger;
        }

        public ChatEngine Engine { get; }

        public ServiceContext Context { get; }

        public SocketListener Listener { get; }

        public SocketListener? RedirectListener { get; private set; }

        public Heartbeat Heartbeat { get; }

        public NotificationDispatcher Notifications { get; }

        public static Running Start(ChatServerOptions options, TimeProvider time, ILogger logger, IMeterFactory? meterFactory, EventForwarder events)
        {
            // The server keeps the store it uses, so that registration writes where logins read; a
            // host authenticator without a store keeps its accounts where the server cannot reach.
            var users = options.UserStore ?? (options.Authenticator is null ? new InMemoryUserStore() : null);
            var authenticator = options.Authenticator ?? new UserStoreAuthenticator(users!, options.AllowGuests, logger);
            var renderer = options.PageRenderer ?? new DefaultPageRenderer();
            var metrics = new ChatMetrics(meterFactory);
            var stopping = new CancellationTokenSource();
            var notifications = new NotificationDispatcher(logger);
            events.Dispatcher = notifications;
            var state = new ChatState(options, new LineEncoders(new HtmlLineEncoder(renderer, logger)), time, logger, events, metrics);
            var engine = new ChatEngine(options, authenticator, renderer, time, logger, state, new LocalChangeBus(state), users);
            var context = new ServiceContext(options.Limits, time, logger, metrics, new ChatRequestHandler(engine, logger), stopping.Token, new TrustedProxies(options.TrustedProxies));
            var tls = options.Certificate is { } certificate ? new TlsHandshake(certificate, options.CertificateChain, options.HstsMaxAge, time) : null;
            SocketListener? listener = null;
            SocketListener? redirect;
            try
            {
                listener = new SocketListener(new IPEndPoint(IPAddress.Parse(options.ListenAddress), options.Port), context, tls);
                redirect = options.HttpRedirectPort is { } redirectPort
                    ? new SocketListener(
                        new IPEndPoint(IPAddress.Parse(options.ListenAddress), redirectPort),
                        context,
                        handler: new HttpsRedirect(new HostFilter(options.AllowedHosts, options.ListenAddress), listener.LocalEndPoint.Port))
                    : null;
            }
            catch
            {
                listener?.Dispose();
                _ = notifications.CompleteAsync();
                stopping.Dispose();
                metrics.Dispose();
                throw;
            }

            listener.Start();
            if (redirect is not null)
            {
                redirect.Start();
                Log.RedirectListening(logger, redirect.LocalEndPoint);
            }

            var sweeper = new ChatSweeper(engine, time);
            var heartbeat = new Heartbeat(time, () =>
            {
                context.Connections.CheckDeadlines(time.GetTimestamp());
                sweeper.Sweep();
            }, logger);
            return new Running(engine, context, listener, heartbeat, notifications, stopping, metrics, logger) { RedirectListener = redirect };
        }

        /// <summary>
        /// Stops in steps, each of which runs whatever the one before it did: no more
        /// logins, hooks cancelled, no more connections, goodbye to every stream, a bounded wait,
        /// then every connection closed, the clock stopped and the events delivered.
        /// </summary>
        public async Task StopAsync(TimeProvider time, CancellationToken cancellationToken)
        {
            try
            {
                Engine.BeginShutdown();
                var listenerStopped = Task.WhenAll(Listener.StopAsync(), RedirectListener?.StopAsync() ?? Task.CompletedTask);
                CloseIdleConnections();
                Guard(_stopping.Cancel);
                try
                {
                    await listenerStopped.ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A stop goes on whatever one step did.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.ShutdownStepFailed(_logger, ex);
                }


                // Connections admitted while the accept loop wound down.
                CloseIdleConnections();

                Guard(Engine.Shutdown);
                await Context.Connections.WaitUntilEmptyAsync(Engine.Options.ShutdownTimeout, time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Context.Connections.AbortAll();
                Heartbeat.Dispose();
                await Notifications.CompleteAsync(cancellationToken).ConfigureAwait(false);
                _stopping.Dispose();
                _metrics.Dispose();
            }
        }

        private void CloseIdleConnections()
        {
            foreach (var connection in Context.Connections.Snapshot())
            {
                Guard(connection.CloseWhenIdle);
            }
        }

        private void Guard(Action step) => ShutdownSteps.Run(_logger, step);
    }

    /// <summary>Raises the host's events through the dispatcher, only when someone listens.</summary>
    private sealed class EventForwarder : IChatEvents
    {
        private readonly ChatServer _server;

        public EventForwarder(ChatServer server) => _server = server;

        public NotificationDispatcher? Dispatcher { get; set; }

        public void UserJoined(ChatUserInfo user) =>
            Raise(nameof(ChatServer.UserJoined), _server.UserJoined, () => new ChatUserEventArgs(user, null));

        public void UserLeft(ChatUserInfo user, ChatLeaveReason reason) =>
            Raise(nameof(ChatServer.UserLeft), _server.UserLeft, () => new ChatUserEventArgs(user, reason));

        public void MessagePosted(ChatMessage message) =>
            Raise(nameof(ChatServer.MessagePosted), _server.MessagePosted, () => new ChatMessageEventArgs(message));

        public void LineDeleted(string room, long sequence, string? deletedBy) =>
            Raise(nameof(ChatServer.LineDeleted), _server.LineDeleted, () => new ChatLineDeletedEventArgs(room, sequence, deletedBy));

        public void UserMoved(ChatUserInfo user, string fromRoom) =>
            Raise(nameof(ChatServer.UserMoved), _server.UserMoved, () => new ChatUserMovedEventArgs(user, fromRoom));

        public void RoomCreated(ChatRoomInfo room, string? createdBy) =>
            Raise(nameof(ChatServer.RoomCreated), _server.RoomCreated, () => new ChatRoomEventArgs(room, createdBy));

        public void RoomClosed(ChatRoomInfo room, string? closedBy) =>
            Raise(nameof(ChatServer.RoomClosed), _server.RoomClosed, () => new ChatRoomEventArgs(room, closedBy));

        public void TopicChanged(ChatRoomInfo room, string? changedBy) =>
            Raise(nameof(ChatServer.TopicChanged), _server.TopicChanged, () => new ChatRoomEventArgs(room, changedBy));

        public void Moderated(ChatModerationEventArgs audit) =>
            Raise(audit.Refusal is null ? nameof(ChatServer.ModerationPerformed) : nameof(ChatServer.ModerationRefused), audit.Refusal is null ? _server.ModerationPerformed : _server.ModerationRefused, () => audit);

        /// <summary>Each handler runs on its own, so one that throws does not keep the others from running.</summary>
        private void Raise<TArgs>(string name, EventHandler<TArgs>? handlers, Func<TArgs> args)
        {
            if (handlers is null || Dispatcher is not { } dispatcher)
            {
                return;
            }

            var data = args();
            foreach (EventHandler<TArgs> handler in handlers.GetInvocationList())
            {
                dispatcher.Post(name, () => handler(_server, data));
            }
        }
    }
}
