using System;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Lets one log line of a kind through per interval and counts the others, so a flood of
/// refusals costs a line every few seconds, each saying how many were left out, instead of a line
/// per attempt that would bury everything else in the log.
/// </summary>
internal sealed class LogThrottle
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private long _nextLine = long.MinValue;
    private int _skipped;

    public LogThrottle(TimeProvider time)
    {
        _time = time;
        _intervalTicks = (long)(Interval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>True when a line may be written now, with how many were left out since the last one.</summary>
    public bool TryEnter(out int skipped)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (now < _nextLine)
            {
                _skipped++;
                skipped = 0;
                return false;
            }

            _nextLine = now + _intervalTicks;
            skipped = _skipped;
            _skipped = 0;
            return true;
        }
    }
}
