using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PushChat.Internal.Infrastructure;
using PushChat.Users;
using PushChat.Localization.Keys;

namespace PushChat.Authentication;

/// <summary>
/// The default <see cref="IAuthenticator"/>: checks the password of an account in an
/// <see cref="IUserStore"/>; when guests are allowed, a name without an account logs in as a
/// guest with an empty password.
/// </summary>
/// <remarks>
/// <para>
/// Password checks run on threads of their own, at most one per processor at a time across the
/// process, so a burst of logins cannot stall chat traffic. When guests are not allowed, a name
/// without an account costs the same check and gets the same answer as a wrong password.
/// </para>
/// <para>
/// A hash made with an older scheme or fewer iterations than the current work factor is replaced
/// through <see cref="IUserStore.UpdateAsync"/> at the account's next successful login, while the
/// password is at hand, unless the account changed meanwhile (the update is compare-and-set); if
/// saving it fails, the login still succeeds. Repeated wrong passwords are limited by the server
/// (<see cref="ChatServerLimits.MaxLoginFailures"/>), not here.
/// </para>
/// </remarks>
public sealed class UserStoreAuthenticator : IAuthenticator
{

    private readonly IUserStore _users;
    private readonly bool _allowGuests;
    private readonly PasswordVerifier _verifier;
    private readonly ILogger _logger;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="users">Where accounts live.</param>
    /// <param name="allowGuests">Whether names without an account may log in as guests.</param>
    public UserStoreAuthenticator(IUserStore users, bool allowGuests)
        : this(users, allowGuests, PasswordVerifier.PerCore(), NullLogger.Instance)
    {
    }

    /// <summary>Creates the authenticator, logging upgrades of password hashes and failures to save them.</summary>
    /// <param name="users">Where accounts live.</param>
    /// <param name="allowGuests">Whether names without an account may log in as guests.</param>
    /// <param name="logger">Where to log; never receives a password.</param>
    public UserStoreAuthenticator(IUserStore users, bool allowGuests, ILogger? logger)
        : this(users, allowGuests, PasswordVerifier.PerCore(), logger ?? NullLogger.Instance)
    {
    }

    /// <summary>Checks passwords through the given verifier: the server's own, or one a test holds.</summary>
    internal UserStoreAuthenticator(IUserStore users, bool allowGuests, PasswordVerifier verifier, ILogger? logger = null)
    {
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _allowGuests = allowGuests;
        _verifier = verifier;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Whether names without an account log in as guests; the login page invites guests only then.</summary>
    internal bool AllowsGuests => _allowGuests;

    /// <inheritdoc />
    public async ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        var account = await _users.FindAsync(context.UserName, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            if (!_allowGuests)
            {
                // Without a check here an unknown name would be answered in a millisecond and a
                // known one only after PBKDF2, which tells anyone timing the answers who has an
                // account (OWASP Authentication Cheat Sheet).
                _ = await _verifier.VerifyAsync(context.Password, PasswordHasher.DummyHash, cancellationToken).ConfigureAwait(false);
                return AuthenticationResult.Failure(context.Language.Format(ServiceTexts.WrongCredentials));
            }

            return context.Password.Length == 0
                ? AuthenticationResult.Success(context.UserName, ChatRole.Guest)
                : AuthenticationResult.Failure(context.Language.Format(ServiceTexts.NoSuchAccount));
        }

        if (!await _verifier.VerifyAsync(context.Password, account.PasswordHash, cancellationToken).ConfigureAwait(false))
        {
            return AuthenticationResult.Failure(context.Language.Format(ServiceTexts.WrongCredentials));
        }

        if (PasswordHasher.NeedsRehash(account.PasswordHash))
        {
            await UpgradeHashAsync(account, context.Password, cancellationToken).ConfigureAwait(false);
        }

        return AuthenticationResult.Success(account.Name, account.Role, account.Color);
    }

    private async Task UpgradeHashAsync(UserAccount account, string password, CancellationToken cancellationToken)
    {
        try
        {
            var hash = await _verifier.HashAsync(password, cancellationToken).ConfigureAwait(false);

            // Compare-and-set: a password (or anything else) changed while this one was hashed
            // wins, and the upgrade waits for the next login.
            if (await _users.UpdateAsync(account, account.WithPasswordHash(hash), cancellationToken).ConfigureAwait(false))
            {
                Log.PasswordHashUpgraded(_logger, account.Name, PasswordHasher.Iterations);
            }
        }
#pragma warning disable CA1031 // Fails open by design: the password was right, and the old hash still works for the next try.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Log.PasswordHashUpgradeFailed(_logger, account.Name, ex);
        }
    }
}
