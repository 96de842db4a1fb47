using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PushChat.Authentication;
using PushChat.Internal.Chat;
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
    private readonly RegisteredPlugIns? _plugIns;
    private readonly object _lifecycle = new();
    private Running? _running;
    private bool _started;

    /// <summary>
    /// Creates a server; nothing listens until <see cref="StartAsync"/>. With dependency
    /// injection, register it with <c>services.AddPushChat(…)</c> instead.
    /// </summary>
    /// <param name="options">How the server behaves; copied at start.</param>
    /// <param name="loggerFactory">Where to log; nothing is logged when <see langword="null"/>.</param>
    public ChatServer(ChatServerOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, loggerFactory, TimeProvider.System)
    {
    }

    /// <summary>For tests and the container: every timeout reads this clock; registered plug-ins fill what the options leave unset.</summary>
    internal ChatServer(ChatServerOptions options, ILoggerFactory? loggerFactory, TimeProvider time, RegisteredPlugIns? plugIns = null)
    {
        _configured = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("PushChat");
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _plugIns = plugIns;
    }

    /// <summary>A user opened the chat for the first time in a session.</summary>
    public event EventHandler<ChatUserEventArgs>? UserJoined;

    /// <summary>A user left: by Leave, lost connection, timeout, or the server stopping.</summary>
    public event EventHandler<ChatUserEventArgs>? UserLeft;

    /// <summary>A line was posted to a room (by a user or a notice).</summary>
    public event EventHandler<ChatMessageEventArgs>? MessagePosted;

    /// <summary>The address and port the server listens on, once started (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _running?.Listener.LocalEndPoint;

    /// <summary>Whether the server is listening.</summary>
    public bool IsRunning => _running is not null;

    /// <summary>The rooms, with their occupancy. Empty when the server is not running.</summary>
    public IReadOnlyList<ChatRoomInfo> Rooms
    {
        get
        {
            if (_running is not { } running)
            {
                return Array.Empty<ChatRoomInfo>();
            }

            var users = running.Engine.OnlineUsers();
            return running.Engine.Rooms
                .Select(room => new ChatRoomInfo(room.Name, users.Count(u => u.Room == room.Name), room.LastSequence))
                .ToArray();
        }
    }

    /// <summary>The users in the chat, by name. Empty when the server is not running.</summary>
    public IReadOnlyList<ChatUserInfo> OnlineUsers => _running?.Engine.OnlineUsers() ?? Array.Empty<ChatUserInfo>();

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
            _running = Running.Start(options, _time, _logger, new EventForwarder(this));
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
    /// <returns>A task that completes when every connection is closed.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Running? running;
        lock (_lifecycle)
        {
            running = _running;
            _running = null;
        }

        if (running is not null)
        {
            await running.StopAsync(_time, cancellationToken).ConfigureAwait(false);
            Log.Stopped(_logger);
        }
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

    /// <summary>Stops the server (see <see cref="StopAsync"/>).</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>For tests: the open connections.</summary>
    internal ConnectionRegistry? Connections => _running?.Context.Connections;

    /// <summary>For tests: the engine of a running server.</summary>
    internal ChatEngine? Engine => _running?.Engine;

    /// <summary>Everything a started server owns.</summary>
    private sealed class Running
    {
        private Running(ChatEngine engine, ServiceContext context, SocketListener listener, Heartbeat heartbeat, NotificationDispatcher notifications)
        {
            Engine = engine;
            Context = context;
            Listener = listener;
            Heartbeat = heartbeat;
            Notifications = notifications;
        }

        public ChatEngine Engine { get; }

        public ServiceContext Context { get; }

        public SocketListener Listener { get; }

        public Heartbeat Heartbeat { get; }

        public NotificationDispatcher Notifications { get; }

        public static Running Start(ChatServerOptions options, TimeProvider time, ILogger logger, EventForwarder events)
        {
            var users = options.UserStore ?? new InMemoryUserStore();
            var authenticator = options.Authenticator ?? new UserStoreAuthenticator(users, options.AllowGuests);
            var renderer = options.PageRenderer ?? new DefaultPageRenderer();
            var notifications = new NotificationDispatcher(logger);
            events.Dispatcher = notifications;
            var engine = new ChatEngine(options, authenticator, renderer, time, logger, events);
            var context = new ServiceContext(options.Limits, time, logger, new ChatRequestHandler(engine, logger));
            SocketListener listener;
            try
            {
                listener = new SocketListener(new IPEndPoint(IPAddress.Parse(options.ListenAddress), options.Port), context);
            }
            catch
            {
                _ = notifications.CompleteAsync();
                throw;
            }

            listener.Start();
            var heartbeat = new Heartbeat(time, () =>
            {
                context.Connections.CheckDeadlines(time.GetTimestamp());
                engine.Sweep();
            }, logger);
            return new Running(engine, context, listener, heartbeat, notifications);
        }

        public async Task StopAsync(TimeProvider time, CancellationToken cancellationToken)
        {
            await Listener.StopAsync().ConfigureAwait(false);
            foreach (var connection in Context.Connections.Snapshot())
            {
                connection.CloseWhenIdle();
            }

            Engine.Shutdown();

            await Context.Connections.WaitUntilEmptyAsync(Engine.Options.ShutdownTimeout, time, cancellationToken).ConfigureAwait(false);
            Context.Connections.AbortAll();
            Heartbeat.Dispose();
            await Notifications.CompleteAsync().ConfigureAwait(false);
        }
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
