using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Infrastructure;
using PushChat.Users;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// The login lock-out as logins and password changes use it: which key a typed name counts
/// under (<see cref="LoginKeys"/>), whether that key is locked, counting a wrong password, and
/// the words a locked-out user gets. The counting itself is <see cref="LoginThrottle"/>.
/// </summary>
internal sealed class LoginLockout
{
    private readonly IUserStore? _users;
    private readonly HookRunner _hooks;
    private readonly HookRefusals _refusals;
    private readonly ILogger _logger;
    private readonly LoginThrottle _logins;
    private readonly IChatChangeBus _bus;

    /// <summary>
    /// Creates the lock-out over the chat state's count of failures, which changes through
    /// <paramref name="bus"/>; <paramref name="users"/> is the server's store, null when the host's
    /// authenticator keeps its accounts where the server cannot reach them.
    /// </summary>
    public LoginLockout(LoginThrottle logins, IChatChangeBus bus, IUserStore? users, HookRunner hooks, HookRefusals refusals, ILogger logger)
    {
        _logins = logins;
        _bus = bus;
        _users = users;
        _hooks = hooks;
        _refusals = refusals;
        _logger = logger;
    }

    /// <summary>
    /// The lock-out key of a typed name: the account the store finds for it (by any spelling that
    /// finds it), else the name's look-alike skeleton; null when the store does not answer (logged),
    /// so the login is refused rather than counted under a key that skips the account's lock. A
    /// host's authenticator without a store the server can ask leaves the skeleton: the stores find
    /// accounts by it, so the look-alikes of one account still share one count.
    /// </summary>
    public async Task<string?> LockKeyAsync(string name, CancellationToken stopping)
    {
        if (_users is null)
        {
            return LoginKeys.Name(name);
        }

        var found = await _hooks.RunAsync(token => _users.FindAsync(name, token), stopping).ConfigureAwait(false);
        if (found.End != HookEnd.Completed)
        {
            _ = _refusals.For(found.End, found.Error, ServiceTexts.DoingLogin, _users);
            return null;
        }

        return found.Value is { } account ? LoginKeys.Account(account.Name) : LoginKeys.Name(name);
    }

    /// <summary>How long the lock-out key is locked still; null when it is not.</summary>
    public TimeSpan? LockedFor(string lockKey) => _logins.LockedFor(lockKey);

    /// <summary>A right password clears the key's count of failures, on every node.</summary>
    public async ValueTask SucceededAsync(string lockKey, CancellationToken cancellationToken)
    {
        if (_logins.Knows(lockKey))
        {
            await _bus.SubmitAsync(new LoginSucceeded(lockKey), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts a wrong password against the key, on every node; how long the key is locked when this or an earlier failure locked it.</summary>
    public async ValueTask<TimeSpan?> CountFailureAsync(string lockKey, string name, IPAddress address, CancellationToken cancellationToken)
    {
        var counted = await _bus.SubmitAsync(new LoginFailed(lockKey, name, address), cancellationToken).ConfigureAwait(false);
        return counted.IsRefused && counted.StatusCode == 429 ? _logins.LockedFor(lockKey) ?? TimeSpan.Zero : null;
    }

    /// <summary>RFC 6585 §4: 429 for too many requests; the same words for every name, known or not.</summary>
    public static LocalText TooManyFailures(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return LocalText.Of(ServiceTexts.LockedOut, ("count", minutes));
    }
}
