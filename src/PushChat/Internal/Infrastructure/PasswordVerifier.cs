using System;
using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Runs password checks on threads of their own, at most a fixed number at once. A PBKDF2 check
/// keeps a core busy for hundreds of milliseconds: run inline it stalls the connection's receive
/// loop, and run without a bound a burst of wrong passwords starves every other connection.
/// </summary>
#pragma warning disable CA1001 // A SemaphoreSlim holds nothing to release unless its AvailableWaitHandle is read, which this type never does.
internal sealed class PasswordVerifier
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _slots;
    private readonly Func<string, string, bool> _check;
    private readonly Func<string, string> _hash;

    // Checks started and not yet over, waiting or running; a stop waits for them to reach zero.
    private readonly object _gate = new();
    private int _inFlight;
    private bool _stopped;
    private TaskCompletionSource<bool>? _idle;
    private int _waiting;
    private int _running;
    private int _mostRunning;
    private long _checks;

    public PasswordVerifier(int maxConcurrent)
        : this(maxConcurrent, PasswordHasher.Verify)
    {
    }

    /// <summary>For tests: a check that can be held or observed instead of PBKDF2.</summary>
    internal PasswordVerifier(int maxConcurrent, Func<string, string, bool> check, Func<string, string>? hash = null)
    {
        if (maxConcurrent < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrent), "At least one check must be able to run.");
        }

        MaxConcurrent = maxConcurrent;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _check = check;
        _hash = hash ?? PasswordHasher.Hash;
    }

    /// <summary>
    /// A verifier running one check per core: checks are pure CPU work, so more at once only slow
    /// each other down. Each server makes its own; it holds no thread between checks.
    /// </summary>
    public static PasswordVerifier PerCore() => new(Environment.ProcessorCount);

    public int MaxConcurrent { get; }

    /// <summary>Checks waiting for a slot.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Checks running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most checks that ran at once.</summary>
    public int MostRunning => Volatile.Read(ref _mostRunning);

    /// <summary>Checks run so far.</summary>
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>Checks a password against a stored hash once a slot is free.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting for a slot.</exception>
    public Task<bool> VerifyAsync(string password, string stored, CancellationToken cancellationToken) =>
        RunAsync(() => Check(password, stored), cancellationToken);

    /// <summary>Hashes a password at the current work factor once a slot is free: it costs as much as a check.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting for a slot.</exception>
    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        RunAsync(() => _hash(password), cancellationToken);

    /// <summary>
    /// Refuses every check from now on, those waiting for a slot included, and completes once no
    /// check runs any more: a stopped server leaves no thread of its checks behind. A running check
    /// cannot be interrupted, so this waits for at most one derivation; the token cuts the wait short.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stopped = true;
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitUntil(cancellationToken);
        }
    }

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                throw new OperationCanceledException("The server stopped: no more password checks.");
            }

            _inFlight++;
        }

        try
        {
            return await RunInSlotAsync(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TaskCompletionSource<bool>? idle = null;
            lock (_gate)
            {
                if (--_inFlight == 0 && _stopped)
                {
                    idle = _idle;
                }
            }

            idle?.TrySetResult(true);
        }
    }

    private async Task<T> RunInSlotAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            if (Volatile.Read(ref _stopped))
            {
                throw new OperationCanceledException("The server stopped: no more password checks.");
            }

            // A thread of its own rather than a pool thread: the pool's threads carry every
            // connection's I/O, and a check holds its thread for the whole derivation.
            return await Task.Factory.StartNew(
                work,
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private bool Check(string password, string stored)
    {
        Interlocked.Increment(ref _checks);
        var running = Interlocked.Increment(ref _running);
        var most = Volatile.Read(ref _mostRunning);
        while (running > most)
        {
            var seen = Interlocked.CompareExchange(ref _mostRunning, running, most);
            if (seen == most)
            {
                break;
            }

            most = seen;
        }

        try
        {
            return _check(password, stored);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
