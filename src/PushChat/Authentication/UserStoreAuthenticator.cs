using System;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Infrastructure;
using PushChat.Users;

namespace PushChat.Authentication;

/// <summary>
/// The default <see cref="IAuthenticator"/>: checks the password of an account in an
/// <see cref="IUserStore"/>; when guests are allowed, a name without an account logs in as a
/// guest with an empty password.
/// </summary>
/// <remarks>
/// Password checks run on threads of their own, at most one per processor at a time across the
/// process, so a burst of logins cannot stall chat traffic. When guests are not allowed, a name
/// without an account costs the same check and gets the same answer as a wrong password.
/// </remarks>
public sealed class UserStoreAuthenticator : IAuthenticator
{
    private const string WrongCredentials = "Wrong name or password.";

    private readonly IUserStore _users;
    private readonly bool _allowGuests;
    private readonly PasswordVerifier _verifier;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="users">Where accounts live.</param>
    /// <param name="allowGuests">Whether names without an account may log in as guests.</param>
    public UserStoreAuthenticator(IUserStore users, bool allowGuests)
        : this(users, allowGuests, PasswordVerifier.Shared)
    {
    }

    /// <summary>For tests: checks passwords through the given verifier.</summary>
    internal UserStoreAuthenticator(IUserStore users, bool allowGuests, PasswordVerifier verifier)
    {
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _allowGuests = allowGuests;
        _verifier = verifier;
    }

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
                return AuthenticationResult.Failure(WrongCredentials);
            }

            return context.Password.Length == 0
                ? AuthenticationResult.Success(context.UserName, ChatRole.Guest)
                : AuthenticationResult.Failure("There is no account with this name. Leave the password empty to join as a guest.");
        }

        return await _verifier.VerifyAsync(context.Password, account.PasswordHash, cancellationToken).ConfigureAwait(false)
            ? AuthenticationResult.Success(account.Name, account.Role, account.Color)
            : AuthenticationResult.Failure(WrongCredentials);
    }
}
