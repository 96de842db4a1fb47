using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Users;

/// <summary>The default <see cref="IUserStore"/>: accounts in memory, gone when the process ends.</summary>
public sealed class InMemoryUserStore : IUserStore
{
    private readonly ConcurrentDictionary<string, UserAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many accounts there are.</summary>
    public int Count => _accounts.Count;

    /// <inheritdoc />
    public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
        new(_accounts.TryGetValue(name, out var account) ? account : null);

    /// <inheritdoc />
    public ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            throw new ArgumentNullException(nameof(account));
        }

        return new(_accounts.TryAdd(account.Name, account));
    }

    /// <inheritdoc />
    public ValueTask<bool> UpdateAsync(UserAccount account, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            throw new ArgumentNullException(nameof(account));
        }

        while (_accounts.TryGetValue(account.Name, out var current))
        {
            if (_accounts.TryUpdate(account.Name, account, current))
            {
                return new(true);
            }
        }

        return new(false);
    }
}
