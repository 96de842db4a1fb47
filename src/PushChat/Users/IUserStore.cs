using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Users;

/// <summary>
/// Where accounts live. Names are matched without regard to case. Implementations must be safe
/// to call from many threads at once.
/// </summary>
public interface IUserStore
{
    /// <summary>Finds an account by name.</summary>
    /// <param name="name">The name, in any case.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>The account, or <see langword="null"/> when there is none.</returns>
    ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Adds a new account (registration).</summary>
    /// <param name="account">The account to add.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns><see langword="false"/> when the name is already taken.</returns>
    ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an account (new password hash, role or colour) if it is still as the caller read
    /// it: compare-and-set, atomic against every other change of the store.
    /// </summary>
    /// <remarks>
    /// Two callers that read the same account and each change it cannot undo each other: the
    /// second finds the account changed and gets <see langword="false"/>, then reads it again or
    /// gives up. A login's upgrade of an old password hash must not bring back a password that
    /// was changed meanwhile.
    /// </remarks>
    /// <param name="expected">The account as the caller read it; compared with <see cref="UserAccount.Equals(UserAccount)"/> (name, password hash, role and colour).</param>
    /// <param name="updated">The changed account, with the same name (any case).</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns><see langword="false"/> when there is no such account or it is no longer equal to <paramref name="expected"/>; nothing is changed then.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="updated"/> names another account.</exception>
    ValueTask<bool> UpdateAsync(UserAccount expected, UserAccount updated, CancellationToken cancellationToken);
}
