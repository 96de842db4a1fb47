using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;
using PushChat.Users;

namespace PushChat.Internal.Chat.Commands;

/// <summary>
/// The commands that start and end a session and change an account: log in, register, change the
/// password, log out. They take the client's address as the transport saw it (after any trusted
/// proxy), never a request.
/// </summary>
internal sealed class AccountCommands
{
    private readonly ChatEngine _engine;

    public AccountCommands(ChatEngine engine) => _engine = engine;

    /// <summary>
    /// Logs in to <paramref name="room"/> when it exists (otherwise the default room), reading the
    /// chat in <paramref name="language"/> (a tag; null or one the server lacks: its default);
    /// done with the new session.
    /// </summary>
    public async Task<CommandOutcome<ChatSession>> LogInAsync(string name, string password, IPEndPoint client, string? room, CancellationToken stopping, string? language = null) =>
        CommandOutcome<ChatSession>.From(await _engine.Logins.LoginAsync(name, password, client, stopping, room, language).ConfigureAwait(false));

    /// <summary>Makes an account with the role of a user; done with the account, which is not logged in yet.</summary>
    public async Task<CommandOutcome<UserAccount>> RegisterAsync(string name, string password, string confirm, IPEndPoint client, CancellationToken stopping) =>
        CommandOutcome<UserAccount>.From(await _engine.Accounts.RegisterAsync(name, password, confirm, client, stopping).ConfigureAwait(false));

    /// <summary>Changes the session's user's password once <paramref name="current"/> is proven; the user's other sessions end.</summary>
    public async Task<CommandOutcome<UserAccount>> ChangePasswordAsync(string sessionId, string current, string password, string confirm, CancellationToken stopping) =>
        _engine.Sessions.Find(sessionId) is { } session
            ? CommandOutcome<UserAccount>.From(await _engine.Accounts.ChangePasswordAsync(session, current, password, confirm, stopping).ConfigureAwait(false))
            : CommandOutcome<UserAccount>.SessionEnded();

    /// <summary>Ends the session, telling its room; done with the session that ended.</summary>
    public async ValueTask<CommandOutcome<ChatSession>> LogOutAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (_engine.Sessions.Find(sessionId) is not { } session)
        {
            return CommandOutcome<ChatSession>.SessionEnded();
        }

        await _engine.Sessions.LeaveAsync(session, ChatLeaveReason.Left, cancellationToken).ConfigureAwait(false);
        return CommandOutcome<ChatSession>.Done(session);
    }

    /// <summary>The same, blocking until the session has ended; the in-process tests drive the commands with it.</summary>
    public CommandOutcome<ChatSession> LogOut(string sessionId)
    {
        if (_engine.Sessions.Find(sessionId) is not { } session)
        {
            return CommandOutcome<ChatSession>.SessionEnded();
        }

        _engine.Sessions.Leave(session, ChatLeaveReason.Left);
        return CommandOutcome<ChatSession>.Done(session);
    }
}
