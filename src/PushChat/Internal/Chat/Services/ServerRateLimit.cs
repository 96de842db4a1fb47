using System;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// At most N events per window from all clients together: one <see cref="RateCell"/> for the
/// whole server (as <see cref="AddressRateLimit"/> keeps one per address).
/// </summary>
internal sealed class ServerRateLimit
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly RateCell _cell;
    private long _fullAgainAt;

    /// <summary>Allows <paramref name="count"/> events per <paramref name="window"/>; 0 allows every event.</summary>
    public ServerRateLimit(int count, TimeSpan window, TimeProvider time)
    {
        _time = time;
        _cell = new RateCell(count, window);
        _fullAgainAt = time.GetUtcNow().UtcTicks;
    }

    /// <summary>Counts an event; false when the budget is spent (the event is then not counted).</summary>
    public bool TryTake()
    {
        if (_cell.AllowsAll)
        {
            return true;
        }

        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            return _cell.TryTake(_fullAgainAt, now, out _fullAgainAt);
        }
    }
}
