using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Users;

/// <summary>
/// The default <see cref="IUserStore"/>: accounts in memory, gone when the process ends. Finds an
/// account by its name in any case or by a look-alike of it (<see cref="UserNames.Skeleton"/>),
/// and refuses a new account whose name looks like one it holds.
/// </summary>
public sealed class InMemoryUserStore : IUserStore
{
    private readonly ConcurrentDictionary<string, UserAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _namesBySkeleton = new(StringComparer.Ordinal);
    private readonly object _creating = new();

    /// <summary>How many accounts there are.</summary>
    public int Count => _accounts.Count;

    /// <inheritdoc />
    public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (_accounts.TryGetValue(name, out var account))
        {
            return new(account);
        }

        return new(_namesBySkeleton.TryGetValue(UserNames.Skeleton(name), out var known) && _accounts.TryGetValue(known, out account) ? account : null);
    }

    /// <inheritdoc />
    public ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            throw new ArgumentNullException(nameof(account));
        }

        var skeleton = UserNames.Skeleton(account.Name);
        lock (_creating)
        {
            if (_namesBySkeleton.ContainsKey(skeleton) || !_accounts.TryAdd(account.Name, account))
            {
                return new(false);
            }

            _namesBySkeleton[skeleton] = account.Name;
            return new(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> UpdateAsync(UserAccount expected, UserAccount updated, CancellationToken cancellationToken)
    {
        if (expected is null)
        {
            throw new ArgumentNullException(nameof(expected));
        }

        if (updated is null)
        {
            throw new ArgumentNullException(nameof(updated));
        }

        if (!StringComparer.OrdinalIgnoreCase.Equals(expected.Name, updated.Name))
        {
            throw new ArgumentException("An update keeps the account's name; it cannot rename or replace another account.", nameof(updated));
        }

        // TryUpdate compares with UserAccount.Equals, so this is the compare-and-set itself.
        return new(_accounts.TryUpdate(expected.Name, updated, expected));
    }
}
