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

    /// <summary>Replaces an existing account (new password hash, role or colour).</summary>
    /// <param name="account">The changed account; its name picks the one to replace.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns><see langword="false"/> when there is no account with that name.</returns>
    ValueTask<bool> UpdateAsync(UserAccount account, CancellationToken cancellationToken);
}
