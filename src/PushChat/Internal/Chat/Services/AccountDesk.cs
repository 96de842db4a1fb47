using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Names;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Users;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// The accounts in the server's store as users see them: registration and its budgets, and
/// password changes, which prove the current password against the login lock-out
/// (<see cref="LoginLockout"/>) as a login does.
/// </summary>
internal sealed class AccountDesk
{
    /// <summary>One answer for every name that cannot be registered, whatever the reason, so that it confirms no account.</summary>

    private readonly ChatServerOptions _options;
    private readonly IUserStore? _users;
    private readonly PasswordVerifier _verifier;
    private readonly ChatState _state;
    private readonly IChatChangeBus _bus;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServiceGuards _guards;

    /// <summary>Creates the desk; <paramref name="users"/> is where registration and password changes write, null when the host's authenticator keeps its accounts where the server cannot reach them.</summary>
    public AccountDesk(ChatServerOptions options, IUserStore? users, PasswordVerifier verifier, ChatState state, IChatChangeBus bus, TimeProvider time, ILogger logger, ServiceGuards guards)
    {
        _options = options;
        _users = users;
        _verifier = verifier;
        _state = state;
        _bus = bus;
        _time = time;
        _logger = logger;
        _guards = guards;
    }

    /// <summary>Whether the login page offers registration: the option is on and the server has a store to write to.</summary>
    public bool RegistrationOpen => _options.AllowRegistration && _users is not null;

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
            return ChatOutcome<UserAccount>.Refused(404, LocalText.Of(ServiceTexts.RegistrationClosed));
        }

        var name = UserNameRules.Normalize(typedName);
        // The name's fault first, then the password's.
        var error = PasswordError(password, confirm);
        if (UserNameRules.Check(name, _options.Limits.MaxUserNameLength) is { } nameError)
        {
            error = nameError;
        }

        if (error is not null)
        {
            return ChatOutcome<UserAccount>.Refused(400, error);
        }

        // In front of the hash, which is what a registration costs (RFC 6585 §4: 429).
        if (!await _guards.Budgets.TakeAddressAsync(nameof(ChatServerLimits.MaxRegistrationsPerAddressPerHour), _options.Limits.MaxRegistrationsPerAddressPerHour, remote.Address, stopping).ConfigureAwait(false))
        {
            return ChatOutcome<UserAccount>.Refused(429, LocalText.Of(ServiceTexts.TooManyRegistrationsFromNetwork));
        }

        if (!await _guards.Budgets.TakeServerAsync(nameof(ChatServerLimits.MaxRegistrationsPerMinute), _options.Limits.MaxRegistrationsPerMinute, stopping).ConfigureAwait(false))
        {
            return ChatOutcome<UserAccount>.Refused(429, LocalText.Of(ServiceTexts.TooManyRegistrations));
        }

        // Asked before the hash so that the store sees no write for a name it would refuse; its create decides in the end.
        var taken = _guards.ReservedNames.Contains(name) || _state.Sessions.FindLookAlike(name) is not null;
        if (!taken)
        {
            var existing = await _guards.Hooks.RunAsync(token => _users!.FindAsync(name, token), stopping).ConfigureAwait(false);
            if (existing.End != HookEnd.Completed)
            {
                return ChatOutcome<UserAccount>.Refused(503, _guards.Refusals.For(existing.End, existing.Error, ServiceTexts.DoingRegister, _users!));
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
            return ChatOutcome<UserAccount>.Refused(503, HookRefusals.ShuttingDown);
        }

        if (taken)
        {
            return ChatOutcome<UserAccount>.Refused(409, LocalText.Of(ServiceTexts.CannotRegister));
        }

        var created = await _guards.Hooks.RunAsync(token => _users!.CreateAsync(account, token), stopping).ConfigureAwait(false);
        if (created.End != HookEnd.Completed)
        {
            return ChatOutcome<UserAccount>.Refused(503, _guards.Refusals.For(created.End, created.Error, ServiceTexts.DoingRegister, _users!));
        }

        if (!created.Value)
        {
            return ChatOutcome<UserAccount>.Refused(409, LocalText.Of(ServiceTexts.CannotRegister));
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
        if (!RegistrationOpen || !_options.AllowGuests || UserNameRules.Check(name, _options.Limits.MaxUserNameLength) is not null || _guards.ReservedNames.Contains(name))
        {
            return false;
        }

        var found = await _guards.Hooks.RunAsync(token => _users!.FindAsync(name, token), stopping).ConfigureAwait(false);
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
            return ChatOutcome<UserAccount>.Refused(403, LocalText.Of(ServiceTexts.OnlyRegisteredHavePasswords));
        }

        if (PasswordError(password, confirm) is { } error)
        {
            return ChatOutcome<UserAccount>.Refused(400, error);
        }

        _state.Touch(session);
        var found = await _guards.Hooks.RunAsync(token => _users!.FindAsync(session.UserName, token), stopping).ConfigureAwait(false);
        if (found.End != HookEnd.Completed)
        {
            return ChatOutcome<UserAccount>.Refused(503, _guards.Refusals.For(found.End, found.Error, ServiceTexts.DoingPasswordChange, _users!));
        }

        if (found.Value is not { } account)
        {
            return ChatOutcome<UserAccount>.Refused(404, LocalText.Of(ServiceTexts.AccountGone));
        }

        // The current password is checked as a login checks it, against the account's lock-out:
        // whoever holds a session link could otherwise guess it at hashing speed.
        var lockKey = LoginKeys.Account(account.Name);
        if (_guards.Lockout.LockedFor(lockKey) is { } locked)
        {
            Log.LoginWhileLockedOut(_logger, account.Name, session.RemoteAddress, locked);
            return ChatOutcome<UserAccount>.Refused(429, LoginLockout.TooManyFailures(locked));
        }

        UserAccount changed;
        try
        {
            if (!await _verifier.VerifyAsync(current, account.PasswordHash, stopping).ConfigureAwait(false))
            {
                Log.PasswordChangeRefused(_logger, session.UserName, session.RemoteAddress);
                return await _guards.Lockout.CountFailureAsync(lockKey, account.Name, session.RemoteAddress, stopping).ConfigureAwait(false) is { } lockedNow
                    ? ChatOutcome<UserAccount>.Refused(429, LoginLockout.TooManyFailures(lockedNow))
                    : ChatOutcome<UserAccount>.Refused(403, LocalText.Of(ServiceTexts.PasswordWrong));
            }

            // A lock started by guesses checked meanwhile holds this one too, as for a login.
            if (_guards.Lockout.LockedFor(lockKey) is { } lockedMeanwhile)
            {
                return ChatOutcome<UserAccount>.Refused(429, LoginLockout.TooManyFailures(lockedMeanwhile));
            }

            await _guards.Lockout.SucceededAsync(lockKey, stopping).ConfigureAwait(false);

            changed = new UserAccount(account.Name, await _verifier.HashAsync(password, stopping).ConfigureAwait(false), account.Role, account.Color);
        }
        catch (OperationCanceledException)
        {
            return ChatOutcome<UserAccount>.Refused(503, HookRefusals.ShuttingDown);
        }

        // Compare-and-set, so that a role or colour given meanwhile is kept (one retry from a fresh
        // read) and a password changed meanwhile is not overwritten by one checked against the old.
        var updated = await _guards.Hooks.RunAsync(token => _users!.UpdateAsync(account, changed, token), stopping).ConfigureAwait(false);
        if (updated.End == HookEnd.Completed && !updated.Value)
        {
            var fresh = await _guards.Hooks.RunAsync(token => _users!.FindAsync(session.UserName, token), stopping).ConfigureAwait(false);
            if (fresh.End != HookEnd.Completed)
            {
                return ChatOutcome<UserAccount>.Refused(503, _guards.Refusals.For(fresh.End, fresh.Error, ServiceTexts.DoingPasswordChange, _users!));
            }

            if (fresh.Value is { } again && again.PasswordHash == account.PasswordHash)
            {
                var retried = new UserAccount(again.Name, changed.PasswordHash, again.Role, again.Color);
                updated = await _guards.Hooks.RunAsync(token => _users!.UpdateAsync(again, retried, token), stopping).ConfigureAwait(false);
                changed = retried;
            }

            if (updated.End == HookEnd.Completed && !updated.Value && fresh.Value is not null)
            {
                return ChatOutcome<UserAccount>.Refused(409, LocalText.Of(ServiceTexts.PasswordChangedMeanwhile));
            }
        }

        if (updated.End != HookEnd.Completed || !updated.Value)
        {
            return updated.End == HookEnd.Completed
                ? ChatOutcome<UserAccount>.Refused(404, LocalText.Of(ServiceTexts.AccountGone))
                : ChatOutcome<UserAccount>.Refused(503, _guards.Refusals.For(updated.End, updated.Error, ServiceTexts.DoingPasswordChange, _users!));
        }

        // Not cut short by the stop: the store holds the new password now, so whoever knew the old
        // one must be out on every node, even when this one is stopping.
        await _bus.SubmitAsync(new OtherSessionsEnded(session.UserName, session.Id, LocalText.Of(ServiceTexts.PasswordChangedElsewhere)), CancellationToken.None).ConfigureAwait(false);
        Log.PasswordChanged(_logger, session.UserName);
        return ChatOutcome<UserAccount>.Done(changed);
    }

    private LocalText? PasswordError(string password, string confirm)
    {
        var limits = _options.Limits;
        return password.Length < limits.MinPasswordLength ? LocalText.Of(ServiceTexts.PasswordTooShort, ("count", limits.MinPasswordLength))
            : password.Length > limits.MaxPasswordLength ? LocalText.Of(ServiceTexts.PasswordTooLong, ("count", limits.MaxPasswordLength))
            : !string.Equals(password, confirm, StringComparison.Ordinal) ? LocalText.Of(ServiceTexts.PasswordsDiffer)
            : null;
    }
}
