using System;
using System.Collections.Generic;
using System.Linq;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Counts failed logins per account and locks an account that fails too often
/// (<see cref="ChatServerLimits.MaxLoginFailures"/> within <see cref="ChatServerLimits.LoginFailureWindow"/>),
/// for <see cref="ChatServerLimits.LoginLockout"/> doubled for each lock in a row. Per account rather
/// than per address: a guesser has many addresses, an account one name. Callers key it with
/// <see cref="LoginKeys"/>, by the account the store finds rather than the spelling typed, so no
/// look-alike of a name escapes its count. Part of the chat's state: failures and successes are
/// changes (<see cref="Changes.LoginFailed"/>, <see cref="Changes.LoginSucceeded"/>), counted at the
/// change's own time, so every node of a scaled-out chat locks the same accounts.
/// </summary>
internal sealed class LoginThrottle
{
    /// <summary>
    /// Names tracked at most (about 100 bytes each). Beyond it, names that are not locked now are
    /// forgotten: spraying that many names costs a guesser as many password checks first.
    /// </summary>
    internal const int MaxTrackedNames = 100_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, Record> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChatServerLimits _limits;
    private readonly TimeProvider _time;

    public LoginThrottle(ChatServerLimits limits, TimeProvider time)
    {
        _limits = limits;
        _time = time;
    }

    private bool Enabled => _limits.MaxLoginFailures > 0;

    // Wall-clock ticks: the change's own time while a change is applied.
    private long Now => _time.GetUtcNow().UtcTicks;

    /// <summary>Whether the key has failures or locks to forget.</summary>
    public bool Knows(string key)
    {
        lock (_gate)
        {
            return _records.ContainsKey(key);
        }
    }

    /// <summary>How long the key stays locked, or <see langword="null"/> when it may try.</summary>
    public TimeSpan? LockedFor(string key)
    {
        if (!Enabled)
        {
            return null;
        }

        lock (_gate)
        {
            return _records.TryGetValue(key, out var record) ? Remaining(record, Now) : null;
        }
    }

    /// <summary>
    /// Counts a failed login; returns the lock it starts, or the one that already holds (started
    /// by another attempt while this one was checked, which then does not count).
    /// </summary>
    public LoginLock? Failed(string key)
    {
        if (!Enabled)
        {
            return null;
        }

        var now = Now;
        lock (_gate)
        {
            if (!_records.TryGetValue(key, out var record))
            {
                if (_records.Count >= MaxTrackedNames)
                {
                    Prune(now);
                }

                record = new Record();
                _records.Add(key, record);
            }

            else if (Remaining(record, now) is { } ongoing)
            {
                return new LoginLock(ongoing, IsNew: false, 0, record.Locks);
            }
            else if (record.Locks > 0 && Elapsed(Math.Max(record.LastFailure, record.LockedUntil), now) >= _limits.MaxLoginLockout)
            {
                // Quiet for as long as the longest lock since the last failure or lock: start again from the first lock's length.
                record.Locks = 0;
            }

            record.LastFailure = now;
            while (record.Failures.Count > 0 && Elapsed(record.Failures.Peek(), now) >= _limits.LoginFailureWindow)
            {
                record.Failures.Dequeue();
            }

            record.Failures.Enqueue(now);
            if (record.Failures.Count < _limits.MaxLoginFailures)
            {
                return null;
            }

            var failures = record.Failures.Count;
            record.Failures.Clear();
            record.Locks++;
            var length = LockLength(record.Locks);
            record.LockedUntil = now + length.Ticks;
            return new LoginLock(length, IsNew: true, failures, record.Locks);
        }
    }

    /// <summary>A successful login forgets the key's failures and earlier locks.</summary>
    public void Succeeded(string key)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            _records.Remove(key);
        }
    }

    private TimeSpan LockLength(int locks)
    {
        // Doubling stops at the cap long before 2^locks could overflow.
        var length = _limits.LoginLockout;
        for (var i = 1; i < locks && length < _limits.MaxLoginLockout; i++)
        {
            length += length;
        }

        return length < _limits.MaxLoginLockout ? length : _limits.MaxLoginLockout;
    }

    private static TimeSpan? Remaining(Record record, long now)
    {
        var remaining = Elapsed(now, record.LockedUntil);
        return remaining > TimeSpan.Zero ? remaining : null;
    }

    private static TimeSpan Elapsed(long from, long to) => TimeSpan.FromTicks(to - from);

    private void Prune(long now)
    {
        foreach (var key in _records.Where(pair => Remaining(pair.Value, now) is null).Select(pair => pair.Key).ToList())
        {
            _records.Remove(key);
        }
    }

    private sealed class Record
    {
        public Queue<long> Failures { get; } = new();

        public int Locks { get; set; }

        public long LockedUntil { get; set; }

        public long LastFailure { get; set; }
    }
}
