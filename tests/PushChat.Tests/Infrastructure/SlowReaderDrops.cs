using System.Diagnostics.Metrics;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// Listens to one server's <c>pushchat.slow_readers_dropped</c> counter: runs a callback (by
/// default, completes <see cref="Dropped"/>) each time that server cuts off a slow reader.
/// </summary>
public sealed class SlowReaderDrops : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SlowReaderDrops(TestMeterFactory meters, Action? onDropped = null)
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "pushchat.slow_readers_dropped" && meters.Meters.Contains(instrument.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) =>
        {
            _dropped.TrySetResult();
            onDropped?.Invoke();
        });
        _listener.Start();
    }

    /// <summary>Completes when the server first cuts off a slow reader.</summary>
    public Task Dropped => _dropped.Task;

    public void Dispose() => _listener.Dispose();
}
