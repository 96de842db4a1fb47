using System;

namespace PushChat.Internal.Chat;

/// <summary>
/// At most N events per window from all clients together: a burst of N, then one every window/N
/// (the generic cell rate algorithm, ITU-T I.371, as <see cref="AddressRateLimit"/> keeps it per address).
/// </summary>
internal sealed class ServerRateLimit
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly long _window;
    private readonly long _interval;
    private long _fullAgainAt;

    /// <summary>Allows <paramref name="count"/> events per <paramref name="window"/>; 0 allows every event.</summary>
    public ServerRateLimit(int count, TimeSpan window, TimeProvider time)
    {
        _time = time;
        _window = (long)(window.TotalSeconds * time.TimestampFrequency);
        _interval = count > 0 ? Math.Max(1, _window / count) : 0;
        _fullAgainAt = time.GetTimestamp();
    }

    /// <summary>Counts an event; false when the budget is spent (the event is then not counted).</summary>
    public bool TryTake()
    {
        if (_interval == 0)
        {
            return true;
        }

        var now = _time.GetTimestamp();
        lock (_gate)
        {
            var start = Math.Max(_fullAgainAt, now);
            if (start + _interval - now > _window)
            {
                return false;
            }

            _fullAgainAt = start + _interval;
            return true;
        }
    }
}
