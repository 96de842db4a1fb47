using System;
using System.Diagnostics.Metrics;
using System.Threading;

namespace PushChat.WinFormsHost;

/// <summary>
/// Open connections, read from the server's public <c>pushchat.connections</c> counter on the
/// meter "PushChat". The window runs one server at a time, so every PushChat meter in the
/// process is that server's.
/// </summary>
internal sealed class ConnectionMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _connections;

    public ConnectionMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "PushChat" && instrument.Name == "pushchat.connections")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };

        // An up-down counter reports changes (+1 open, -1 closed), not totals.
        _listener.SetMeasurementEventCallback<long>((_, change, _, _) => Interlocked.Add(ref _connections, change));
        _listener.Start();
    }

    public long Connections => Interlocked.Read(ref _connections);

    public void Dispose() => _listener.Dispose();
}
