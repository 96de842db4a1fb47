using System;
using System.Collections.Generic;
using System.Linq;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// At most N events per window from each client address: a burst of N, then one every window/N.
/// Kept as one time per address, the moment its <see cref="RateCell"/> is full again, so an
/// address costs a few bytes and is forgotten once that passed.
/// </summary>
internal sealed class AddressRateLimit
{
    /// <summary>
    /// Addresses tracked at most. A client with more addresses than this within one window gets
    /// the new ones untracked (the session caps still hold them) rather than the table growing
    /// without end or other clients being refused.
    /// </summary>
    internal const int MaxTracked = 100_000;

    private const int PruneAbove = 1024;

    private readonly object _gate = new();
    private readonly Dictionary<AddressKey, long> _fullAgainAt = new();
    private readonly TimeProvider _time;
    private readonly RateCell _cell;
    private long _nextPrune;

    /// <summary>Allows <paramref name="count"/> events per <paramref name="window"/>; 0 allows every event.</summary>
    public AddressRateLimit(int count, TimeSpan window, TimeProvider time)
    {
        _time = time;
        _cell = new RateCell(count, window);
    }

    /// <summary>Counts an event of the address; false when its budget is spent (the event is then not counted).</summary>
    public bool TryTake(AddressKey key)
    {
        if (_cell.AllowsAll)
        {
            return true;
        }

        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            if (!_fullAgainAt.TryGetValue(key, out var fullAgainAt))
            {
                if (_fullAgainAt.Count >= PruneAbove && now >= _nextPrune)
                {
                    Prune(now);
                }

                if (_fullAgainAt.Count >= MaxTracked)
                {
                    return true;
                }

                fullAgainAt = now;
            }

            if (!_cell.TryTake(fullAgainAt, now, out var fullAgainAfter))
            {
                return false;
            }

            _fullAgainAt[key] = fullAgainAfter;
            return true;
        }
    }

    private void Prune(long now)
    {
        foreach (var key in _fullAgainAt.Where(pair => pair.Value <= now).Select(pair => pair.Key).ToList())
        {
            _fullAgainAt.Remove(key);
        }

        _nextPrune = now + _cell.Window;
    }
}
