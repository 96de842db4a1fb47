using System.Collections.Concurrent;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Unit;

/// <summary>
/// A stand-in for PBKDF2 that blocks until released, so tests can see how many checks run at
/// once and where. Accepts the password "right".
/// </summary>
public sealed class HeldPasswordCheck : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly int _signalAt;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    /// <param name="signalAt">How many checks must have started before <see cref="Entered"/> completes.</param>
    public HeldPasswordCheck(int signalAt) => _signalAt = signalAt;

    public ConcurrentQueue<(int Thread, string Stored)> Calls { get; } = new();

    /// <summary>Completes once <c>signalAt</c> checks have started.</summary>
    public Task Entered => _entered.Task.WaitAsync(RawHttpClient.SafetyTimeout);

    public bool Check(string password, string stored)
    {
        Calls.Enqueue((Environment.CurrentManagedThreadId, stored));
        if (Interlocked.Increment(ref _count) == _signalAt)
        {
            _entered.TrySetResult();
        }

        _release.Wait(RawHttpClient.SafetyTimeout);
        return password == "right";
    }

    public void Release() => _release.Set();

    public void Dispose() => _release.Dispose();
}
