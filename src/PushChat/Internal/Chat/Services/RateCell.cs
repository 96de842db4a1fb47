using System;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// The arithmetic of one rate budget, N events per window: a burst of N, then one every window/N
/// (the generic cell rate algorithm, ITU-T I.371). It keeps no state of its own, so that
/// <see cref="ServerRateLimit"/> (one cell for all clients) and <see cref="AddressRateLimit"/>
/// (a cell per address) hold the moment their budget is full again where suits them and share one
/// rule for spending it.
/// </summary>
internal sealed class RateCell
{
    private readonly long _interval;

    /// <summary>Allows <paramref name="count"/> events per <paramref name="window"/>; 0 allows every event.</summary>
    public RateCell(int count, TimeSpan window)
    {
        Window = window.Ticks;
        _interval = count > 0 ? Math.Max(1, Window / count) : 0;
    }

    /// <summary>The window in ticks of wall-clock time (the change's own time while a change is applied).</summary>
    public long Window { get; }

    /// <summary>Whether every event is allowed (a count of 0), so nothing need be kept.</summary>
    public bool AllowsAll => _interval == 0;

    /// <summary>
    /// Counts an event at <paramref name="now"/> against a cell full again at <paramref name="fullAgainAt"/>;
    /// false when the budget is spent (the event is then not counted), otherwise true with the cell's new time.
    /// </summary>
    public bool TryTake(long fullAgainAt, long now, out long fullAgainAfter)
    {
        var start = Math.Max(fullAgainAt, now);
        if (start + _interval - now > Window)
        {
            fullAgainAfter = fullAgainAt;
            return false;
        }

        fullAgainAfter = start + _interval;
        return true;
    }
}
