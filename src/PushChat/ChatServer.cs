using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Transport;
using PushChat.Localization;

namespace PushChat;

/// <summary>
/// A browser chat room with server push, served by its own socket engine. Create it with
/// options, <see cref="StartAsync"/> it, and point browsers at <see cref="LocalEndPoint"/>.
/// Events are raised after the fact, in order, on a background thread, never on the socket loops.
/// </summary>
public sealed class ChatServer : IAsyncDisposable
{
    private readonly ServerLifecycle _lifecycle;
    private readonly HostEvents _events;

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
        _lifecycle = new ServerLifecycle(
            options ?? throw new ArgumentNullException(nameof(options)),
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("PushChat"),
            time ?? throw new ArgumentNullException(nameof(time)),
            plugIns,
            meterFactory);
        _events = new HostEvents(this);
    }

    /// <summary>A user opened the chat for the first time in a session.</summary>
    public event EventHandler<ChatUserEventArgs>? UserJoined { add => _events.UserJoinedHandlers += value; remove => _events.UserJoinedHandlers -= value; }

    /// <summary>A user left: by Leave, lost connection, timeout, or the server stopping.</summary>
    public event EventHandler<ChatUserEventArgs>? UserLeft { add => _events.UserLeftHandlers += value; remove => _events.UserLeftHandlers -= value; }

    /// <summary>A line was posted to a room (by a user or a notice).</summary>
    public event EventHandler<ChatMessageEventArgs>? MessagePosted { add => _events.MessagePostedHandlers += value; remove => _events.MessagePostedHandlers -= value; }

    /// <summary>A line was deleted by the host, a room's owner or an admin.</summary>
    public event EventHandler<ChatLineDeletedEventArgs>? LineDeleted { add => _events.LineDeletedHandlers += value; remove => _events.LineDeletedHandlers -= value; }

    /// <summary>A user moved from one room to another in the same session.</summary>
    public event EventHandler<ChatUserMovedEventArgs>? UserMoved { add => _events.UserMovedHandlers += value; remove => _events.UserMovedHandlers -= value; }

    /// <summary>A room was opened, by a user (its owner) or by <see cref="CreateRoom"/>.</summary>
    public event EventHandler<ChatRoomEventArgs>? RoomCreated { add => _events.RoomCreatedHandlers += value; remove => _events.RoomCreatedHandlers -= value; }

    /// <summary>A room closed: by <see cref="CloseRoom"/>, or because it stayed empty for <see cref="ChatServerOptions.EmptyRoomGracePeriod"/>.</summary>
    public event EventHandler<ChatRoomEventArgs>? RoomClosed { add => _events.RoomClosedHandlers += value; remove => _events.RoomClosedHandlers -= value; }

    /// <summary>A room's topic changed, by its owner, an admin or <see cref="SetTopic"/>.</summary>
    public event EventHandler<ChatRoomEventArgs>? TopicChanged { add => _events.TopicChangedHandlers += value; remove => _events.TopicChangedHandlers -= value; }

    /// <summary>
    /// A privileged act was done: a kick, ban, mute, op, room closing or address lookup by an
    /// admin or a room's owner, or a moderation call of the host. An audit record: who, whom, where, why, until when.
    /// </summary>
    public event EventHandler<ChatModerationEventArgs>? ModerationPerformed { add => _events.ModerationPerformedHandlers += value; remove => _events.ModerationPerformedHandlers -= value; }

    /// <summary>A user tried a privileged act that the user's role or ownership does not allow; <see cref="ChatModerationEventArgs.Refusal"/> says why.</summary>
    public event EventHandler<ChatModerationEventArgs>? ModerationRefused { add => _events.ModerationRefusedHandlers += value; remove => _events.ModerationRefusedHandlers -= value; }

    /// <summary>The address and port the server listens on, once started (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _lifecycle.Running?.Listener.LocalEndPoint;

    /// <summary>The address and port of the plain HTTP port that redirects to HTTPS, once started with <see cref="ChatServerOptions.HttpRedirectPort"/>; otherwise null.</summary>
    public IPEndPoint? HttpRedirectEndPoint => _lifecycle.Running?.RedirectListener?.LocalEndPoint;

    /// <summary>Whether the server is listening: false before start, after stop, and after the listener failed (logged as critical).</summary>
    public bool IsRunning => _lifecycle.Running is { Listener.Failed: false };

    /// <summary>The rooms with their occupancy, topic and owner, the default room first. Empty when the server is not running.</summary>
    public IReadOnlyList<ChatRoomInfo> Rooms => _lifecycle.Running?.Engine.Rooms.List() ?? Array.Empty<ChatRoomInfo>();

    /// <summary>The users in the chat, by name. Empty when the server is not running.</summary>
    public IReadOnlyList<ChatUserInfo> OnlineUsers => _lifecycle.Running?.Engine.Online.Users() ?? Array.Empty<ChatUserInfo>();

    /// <summary>
    /// Every session, by name, with its address, room, role and idle time, for the host's
    /// moderation; also sessions whose chat frame is not open yet. Never carries session ids.
    /// Empty when the server is not running.
    /// </summary>
    public IReadOnlyList<ChatSessionInfo> Sessions => _lifecycle.Running?.Engine.State.SessionList() ?? Array.Empty<ChatSessionInfo>();

    /// <summary>
    /// Validates the options and starts listening. A server starts once. A node of a scaled-out
    /// chat (<see cref="ChatServerOptions.Backplane"/>) first joins the chat and reads what it
    /// holds; a server on its own does not wait.
    /// </summary>
    /// <param name="cancellationToken">Abandons joining the backplane.</param>
    /// <returns>A task that completes once the socket listens.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The address or port cannot be bound.</exception>
    /// <exception cref="ScaleOut.BackplaneUnavailableException">The backplane cannot be reached.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default) => _lifecycle.StartAsync(_events, cancellationToken);

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
    public Task StopAsync(CancellationToken cancellationToken = default) => _lifecycle.StopAsync(cancellationToken);

    /// <summary>Posts a system notice to a room; every reader sees it at once.</summary>
    /// <param name="text">The notice, as plain text (it is escaped).</param>
    /// <returns>The posted line, with its sequence number.</returns>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public ChatMessage PostNotice(string text)
    {
        HostArguments.RequireText(text, nameof(text), "A notice needs text.");
        return RunningEngine().ServerLines.PostNotice(text);
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
        HostArguments.RequireText(userName, nameof(userName), "A whisper needs a user name.");
        HostArguments.RequireText(text, nameof(text), "A whisper needs text.");
        return RunningEngine().ServerLines.Whisper(userName, text);
    }

    /// <summary>
    /// Deletes a line: it leaves its room's history (a tombstone takes its place in the room's log), and every open chat frame hides it within
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
        HostArguments.RequireText(room, nameof(room), "Name the room of the line.");
        return !RunningEngine().ServerLines.DeleteLine(null, room, sequence).IsRefused;
    }

    /// <summary>Posts a system notice to one room; every reader in it sees it at once.</summary>
    /// <param name="room">The room's name, in any case.</param>
    /// <param name="text">The notice, as plain text (it is escaped).</param>
    /// <returns>The posted line, with its sequence number in that room.</returns>
    /// <exception cref="InvalidOperationException">The server is not running, or there is no such room.</exception>
    public ChatMessage PostNotice(string room, string text)
    {
        HostArguments.RequireText(text, nameof(text), "A notice needs text.");
        return RunningEngine(nameof(room), room).ServerLines.PostNotice(room, text) ?? throw new InvalidOperationException($"There is no room called {room}.");
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
        var outcome = RunningEngine(nameof(name), name).Rooms.Create(name, topic);
        return outcome.Value?.ToInfo() ?? throw (outcome.StatusCode == 400
            ? new ArgumentException(ForHost(outcome.Error), nameof(name))
            : new InvalidOperationException(ForHost(outcome.Error)));
    }

    /// <summary>Closes a room; the users in it move to the default room, and both rooms are told.</summary>
    /// <param name="name">The room's name, in any case.</param>
    /// <returns><see langword="true"/> when the room was closed, <see langword="false"/> when there is no such room.</returns>
    /// <exception cref="InvalidOperationException">The server is not running, or the room is the default room, which never closes.</exception>
    public bool CloseRoom(string name)
    {
        var result = RunningEngine(nameof(name), name).Rooms.Close(name);
        if (result.IsRefused && result.StatusCode != 404)
        {
            throw new InvalidOperationException(ForHost(result.Refusal));
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
        HostArguments.RequireNotNull(topic, nameof(topic));
        var result = RunningEngine(nameof(room), room).Rooms.SetTopic(room, topic);
        return result.Line ?? throw (result.StatusCode == 413 ? new ArgumentException(ForHost(result.Refusal), nameof(topic)) : new InvalidOperationException(ForHost(result.Refusal)));
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
        Moderate(nameof(userName), userName, name => new UserBanned(null, name, ByAddress: false, null, HostArguments.Duration(duration), reason));

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
        HostArguments.RequireNotNull(address, nameof(address));
        RunningEngine().Moderate(new UserBanned(null, string.Empty, ByAddress: true, address, HostArguments.Duration(duration), reason));
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
        HostArguments.RequireNotNull(address, nameof(address));
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
        Moderate(nameof(userName), userName, name => new UserMuted(null, name, HostArguments.Duration(duration), reason));

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
            throw new InvalidOperationException(ForHost(result.Refusal));
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
    internal ConnectionRegistry? Connections => _lifecycle.Running?.Context.Connections;

    /// <summary>For tests: the engine of a running server.</summary>
    internal ChatEngine? Engine => _lifecycle.Running?.Engine;

    /// <summary>The dedicated threads of the running server (for tests); empty when it is not running.</summary>
    internal IReadOnlyList<System.Threading.Thread> WorkerThreads => _lifecycle.Running?.Outbound.Threads ?? Array.Empty<System.Threading.Thread>();

    /// <summary>A refusal in the chat's default language, for an exception the host catches.</summary>
    private string ForHost(LocalText? refusal) => refusal?.In(RunningEngine().State.Languages.Default) ?? string.Empty;

    private ChatEngine RunningEngine() => (_lifecycle.Running ?? throw new InvalidOperationException("The server is not running.")).Engine;

    private ChangeResult Moderate(string parameter, string userName, Func<string, ChatChange> change) =>
        RunningEngine().Moderate(change(UserNameRules.Normalize(HostArguments.UserName(userName, parameter))));

    private ChatEngine RunningEngine(string parameter, string room)
    {
        HostArguments.RequireNotNull(room, parameter);
        return RunningEngine();
    }
}
