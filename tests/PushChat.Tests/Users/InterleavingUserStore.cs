using PushChat.Users;

namespace PushChat.Tests.Users;

/// <summary>
/// An in-memory store that runs a test's own change just before the next update reaches it, so
/// that two updates of one account interleave the same way on every run.
/// </summary>
public sealed class InterleavingUserStore : IUserStore
{
    private Func<InMemoryUserStore, Task>? _beforeNextUpdate;

    public InMemoryUserStore Inner { get; } = new();

    /// <summary>Runs <paramref name="change"/> on <see cref="Inner"/> once, before the next update is applied.</summary>
    public void BeforeNextUpdate(Func<InMemoryUserStore, Task> change) => _beforeNextUpdate = change;

    public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) => Inner.FindAsync(name, cancellationToken);

    public ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken) => Inner.CreateAsync(account, cancellationToken);

    public async ValueTask<bool> UpdateAsync(UserAccount expected, UserAccount updated, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _beforeNextUpdate, null) is { } change)
        {
            await change(Inner);
        }

        return await Inner.UpdateAsync(expected, updated, cancellationToken);
    }
}
