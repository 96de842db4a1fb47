using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Authentication;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Names;
using PushChat.Users;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Lets users in: the address's login budget, the name rules, reserved names, the per-name
/// lock-out and the host's authenticator, in that order, then a new session. Kept apart from
/// <see cref="AccountDesk"/>, which makes and changes accounts, because a login is the one act
/// every user starts with and the only one the host's authenticator decides.
/// </summary>
internal sealed class LoginDesk
{

    private readonly ChatServerOptions _options;
    private readonly IAuthenticator _authenticator;
    private readonly IUserStore? _users;
    private readonly ChatState _state;
    private readonly IChatChangeBus _bus;
    private readonly ILogger _logger;
    private readonly ServiceGuards _guards;
    private readonly LogThrottle _refusalLog;

    /// <summary>Creates the desk; <paramref name="users"/> is null when the host's authenticator keeps its accounts where the server cannot reach them.</summary>
    public LoginDesk(ChatServerOptions options, IAuthenticator authenticator, IUserStore? users, ChatState state, IChatChangeBus bus, TimeProvider time, ILogger logger, ServiceGuards guards)
    {
        _options = options;
        _authenticator = authenticator;
        _users = users;
        _state = state;
        _bus = bus;
        _logger = logger;
        _guards = guards;
        _refusalLog = new LogThrottle(time);
    }

    /// <summary>
    /// Whether the login page invites guests: the option is on, and the server knows the accounts
    /// (a host's authenticator without a store decides alone; its page must not promise what it refuses).
    /// </summary>
    public bool GuestsInvited => _options.AllowGuests && _users is not null && (_authenticator is not UserStoreAuthenticator own || own.AllowsGuests);

    /// <summary>Logs in to <paramref name="room"/> when it exists, otherwise to the default room.</summary>
    public async Task<ChatOutcome<ChatSession>> LoginAsync(string typedName, string password, IPEndPoint remote, CancellationToken stopping, string? room = null, string? language = null)
    {
        // Every attempt counts, before any password check: a script can neither churn sessions nor
        // spray guesses over many names (each too few for the per-name lock) faster than the budget.
        if (!await _guards.Budgets.TakeAddressAsync(nameof(ChatServerLimits.MaxLoginsPerAddressPerMinute), _options.Limits.MaxLoginsPerAddressPerMinute, remote.Address, stopping).ConfigureAwait(false))
        {
            return ChatOutcome<ChatSession>.Refused(429, LocalText.Of(ServiceTexts.TooManyLogins));
        }

        var name = UserNameRules.Normalize(typedName);
        var nameError = UserNameRules.Check(name, _options.Limits.MaxUserNameLength);
        if (nameError is not null)
        {
            return ChatOutcome<ChatSession>.Refused(400, nameError);
        }

        if (await BlockedByReservedNameAsync(name, stopping).ConfigureAwait(false))
        {
            return ChatOutcome<ChatSession>.Refused(403, LocalText.Of(ServiceTexts.NameReserved));
        }

        if (await _guards.Lockout.LockKeyAsync(name, stopping).ConfigureAwait(false) is not { } lockKey)
        {
            return ChatOutcome<ChatSession>.Refused(503, LocalText.Of(ServiceTexts.CannotCheckAccount));
        }

        if (_guards.Lockout.LockedFor(lockKey) is { } locked)
        {
            Log.LoginWhileLockedOut(_logger, name, remote.Address, locked);
            return ChatOutcome<ChatSession>.Refused(429, LoginLockout.TooManyFailures(locked));
        }

        var context = new AuthenticationContext(name, password, remote) { Language = _state.Languages.Find(language) ?? _state.Languages.Default };
        var decision = await _guards.Hooks.RunAsync(token => _authenticator.AuthenticateAsync(context, token), stopping).ConfigureAwait(false);
        if (decision.End != HookEnd.Completed)
        {
            return ChatOutcome<ChatSession>.Refused(503, _guards.Refusals.For(decision.End, decision.Error, ServiceTexts.DoingLogin, _authenticator));
        }

        var result = decision.Value!;
        if (!result.Succeeded)
        {
            if (_refusalLog.TryEnter(out var skipped))
            {
                Log.LoginRefused(_logger, name, remote.Address, skipped);
            }

            if (await _guards.Lockout.CountFailureAsync(lockKey, name, remote.Address, stopping).ConfigureAwait(false) is { } lockedNow)
            {
                return ChatOutcome<ChatSession>.Refused(429, LoginLockout.TooManyFailures(lockedNow));
            }

            return ChatOutcome<ChatSession>.Refused(403, result.FailureReason is { } reason ? LocalText.Plain(reason) : LocalText.Of(ServiceTexts.LoginRefused));
        }

        // A lock started by other attempts while this one was checked holds it too; otherwise a
        // burst of guesses sent at once would all be checked and one could get in.
        if (_guards.Lockout.LockedFor(lockKey) is { } lockedMeanwhile)
        {
            return ChatOutcome<ChatSession>.Refused(429, LoginLockout.TooManyFailures(lockedMeanwhile));
        }

        await _guards.Lockout.SucceededAsync(lockKey, stopping).ConfigureAwait(false);

        var id = SessionIds.New();
        var starting = new SessionStarted(id, result.UserName, result.Role, ColorFor(result.UserName, result.Color), remote.Address, string.IsNullOrWhiteSpace(room) ? _options.DefaultRoom : RoomNameRules.Normalize(room!)) { Language = language };
        var started = await _bus.SubmitAsync(starting, stopping).ConfigureAwait(false);
        return started.IsRefused || _state.Sessions.Find(id) is not { } session
            ? ChatOutcome<ChatSession>.Refused(started.IsRefused ? started.StatusCode : 503, started.Refusal ?? HookRefusals.ShuttingDown)
            : ChatOutcome<ChatSession>.Done(session);
    }

    /// <summary>
    /// Whether a reserved name keeps this login out. Reserved names stop users passing for the
    /// server's staff, so they never block an administrator account the store holds (the host's
    /// first admin is often called "admin"): its password is still checked as for any account.
    /// </summary>
    private async Task<bool> BlockedByReservedNameAsync(string name, CancellationToken stopping)
    {
        if (!_guards.ReservedNames.Contains(name) || _users is null)
        {
            return _guards.ReservedNames.Contains(name);
        }

        var found = await _guards.Hooks.RunAsync(token => _users.FindAsync(name, token), stopping).ConfigureAwait(false);
        return !(found.End == HookEnd.Completed && found.Value is { Role: ChatRole.Admin });
    }

    private static string ColorFor(string name, string? requested) =>
        requested is not null && ColorPalette.IsValid(requested) ? requested.ToLowerInvariant() : ColorPalette.ForName(name);
}
