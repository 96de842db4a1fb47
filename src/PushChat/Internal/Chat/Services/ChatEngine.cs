using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Authentication;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Names;
using PushChat.Internal.Push;
using PushChat.Rendering;
using PushChat.Users;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// The chat's services, built once per server and wired to one <see cref="ChatState"/> and one
/// change bus: logins, accounts, lines, sessions, rooms, server lines, streams and upkeep. It
/// decides nothing itself; the application commands (<see cref="ChatCommands"/>) and the
/// host's API call the services. Every resulting change goes through the change bus to
/// <see cref="ChatState"/>, the one place that applies it.
/// </summary>
internal sealed class ChatEngine
{
    private readonly IChatChangeBus _bus;

    /// <summary>Creates the services; <paramref name="users"/> is where registration and password changes write, null when the host's authenticator keeps its accounts where the server cannot reach them.</summary>
    public ChatEngine(ChatServerOptions options, IAuthenticator authenticator, IPageRenderer renderer, TimeProvider time, ILogger logger, ChatState state, IChatChangeBus bus, PasswordVerifier verifier, IUserStore? users = null)
    {
        Options = options;
        Renderer = renderer;
        Time = time;
        State = state;
        _bus = bus;

        var hooks = new HookRunner(time, options.HookTimeout);
        var refusals = new HookRefusals(logger, options.HookTimeout);
        var guards = new ServiceGuards(hooks, refusals, new RateBudgets(bus, options.Limits, time, logger), new ReservedNames(options.ReservedNames), new LoginLockout(state.Logins, bus, users, hooks, refusals, logger));
        Online = new OnlineList(state, time);
        Logins = new LoginDesk(options, authenticator, users, state, bus, time, logger, guards);
        Accounts = new AccountDesk(options, users, verifier, state, bus, time, logger, guards);
        Lines = new LinePoster(options, state, bus, time, logger, guards);
        Sessions = new SessionDesk(state, bus, time);
        Rooms = new RoomDesk(options, state, bus, Sessions);
        ServerLines = new ServerLines(options, state, bus);
        Streams = new StreamOpener(state, renderer, time, logger, options.Limits.ChatFrameRenewAfterItems);
        Upkeep = new ChatUpkeep(options, state, bus, time, logger, ServerLines);
        Names = new NamesFrames(this, logger);
        Commands = new ChatCommands(this);
    }

    /// <summary>What users ask of the chat, for every transport: see <see cref="ChatCommands"/>.</summary>
    public ChatCommands Commands { get; }

    public ChatState State { get; }

    /// <summary>This server as a node of a scaled-out chat; null for a server on its own.</summary>
    public ScaleOut.ChatNode? Node { get; init; }

    public ChatServerOptions Options { get; }

    public IPageRenderer Renderer { get; }

    public TimeProvider Time { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Logging in.</summary>
    public LoginDesk Logins { get; }

    /// <summary>Registration and password changes.</summary>
    public AccountDesk Accounts { get; }

    /// <summary>Users' lines, through the line budget and the host's message filters.</summary>
    public LinePoster Lines { get; }

    /// <summary>A session's own settings, and its end.</summary>
    public SessionDesk Sessions { get; }

    /// <summary>Joining, opening and closing rooms, and their topics.</summary>
    public RoomDesk Rooms { get; }

    /// <summary>The server's own notices and whispers, and deleting lines.</summary>
    public ServerLines ServerLines { get; }

    /// <summary>Opening a session's chat stream on a transport.</summary>
    public StreamOpener Streams { get; }

    /// <summary>The once-a-second chores and the stop.</summary>
    public ChatUpkeep Upkeep { get; }

    /// <summary>The online list the names frames read.</summary>
    public OnlineList Online { get; }

    /// <summary>The open names frames, sent a new list when their room's presence changes.</summary>
    public NamesFrames Names { get; }

    /// <summary>Applies a kick, ban, mute, op or the like; the state checks the actor's role as it is now.</summary>
    public ValueTask<ChangeResult> ModerateAsync(ChatChange change, CancellationToken cancellationToken = default) => _bus.SubmitAsync(change, cancellationToken);

    /// <summary>The same, blocking until the change is applied: for the host's synchronous calls (<see cref="ChatServer.Kick"/> and the like).</summary>
    public ChangeResult Moderate(ChatChange change) => _bus.Submit(change);
}
