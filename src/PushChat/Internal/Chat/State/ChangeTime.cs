using System;
using System.Threading;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The time the chat state's parts read. While a change is applied it is the change's own
/// timestamp, never the clock, so that applying the same changes in the same order gives the same
/// state (message times, mute and ban expiries, join times) wherever and whenever they are
/// applied; outside a change, and on any other thread, it is the clock. Timestamps for delivery
/// (fan-out, deadlines) are the clock's, since they are local to this process.
/// </summary>
internal sealed class ChangeTime : TimeProvider
{
    private readonly TimeProvider _clock;
    private readonly object _stateGate;
    private DateTimeOffset? _applying;

    /// <param name="clock">The clock.</param>
    /// <param name="stateGate">The chat state's lock, under which changes are applied.</param>
    public ChangeTime(TimeProvider clock, object stateGate)
    {
        _clock = clock;
        _stateGate = stateGate;
    }

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() =>
        _applying is { } at && Monitor.IsEntered(_stateGate) ? at : _clock.GetUtcNow();

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _clock.CreateTimer(callback, state, dueTime, period);

    /// <summary>
    /// From now until <see cref="Done"/>, under the state's lock, the time is <paramref name="at"/>.
    /// Returns the time of the change being applied before, for <see cref="Done"/>.
    /// </summary>
    public DateTimeOffset? Applying(DateTimeOffset at)
    {
        var outer = _applying;
        _applying = at;
        return outer;
    }

    /// <summary>Back to the time of the change around this one, or to the clock.</summary>
    public void Done(DateTimeOffset? outer) => _applying = outer;
}
