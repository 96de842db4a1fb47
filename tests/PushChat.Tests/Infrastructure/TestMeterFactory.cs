using System.Diagnostics.Metrics;

namespace PushChat.Tests.Infrastructure;

/// <summary>Like the framework's factory: one meter per name, version and tags.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    public List<Meter> Meters { get; } = new();

    public Meter Create(MeterOptions options)
    {
        var key = options.Name + "|" + string.Join(",", (options.Tags ?? []).Select(t => $"{t.Key}={t.Value}"));
        if (Meters.FirstOrDefault(m => m.Name + "|" + string.Join(",", m.Tags?.Select(t => $"{t.Key}={t.Value}") ?? []) == key) is { } cached)
        {
            return cached;
        }

        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        Meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in Meters)
        {
            meter.Dispose();
        }
    }
}
