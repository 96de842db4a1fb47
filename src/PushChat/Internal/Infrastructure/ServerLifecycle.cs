using System;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Starts a server once and stops it once: a later stop waits for the first, and any caller's
/// token cuts it short. Kept apart from <see cref="ChatServer"/> so that the public type holds
/// the host's API, not the locking that makes start and stop safe to call from any thread.
/// </summary>
#pragma warning disable CA1001 // The cut source lives as long as the server: a stop may still register with it after the first one ends.
internal sealed class ServerLifecycle
#pragma warning restore CA1001
{
    private readonly ChatServerOptions _configured;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IMeterFactory? _meterFactory;
    private readonly RegisteredPlugIns? _plugIns;
    private readonly object _lock = new();
    private ServerRuntime? _running;
    private bool _started;

    // Set by the first stop; every later stop waits for it, and any caller's token cuts it short.
    private TaskCompletionSource<bool>? _stopped;
    private CancellationTokenSource? _cutStop;

    public ServerLifecycle(ChatServerOptions options, ILogger logger, TimeProvider time, RegisteredPlugIns? plugIns, IMeterFactory? meterFactory)
    {
        _configured = options;
        _logger = logger;
        _time = time;
        _plugIns = plugIns;
        _meterFactory = meterFactory;
    }

    /// <summary>What the server owns while it runs; null before start and once a stop began.</summary>
    public ServerRuntime? Running => _running;

    public async Task StartAsync(HostEvents events, CancellationToken cancellationToken)
    {
        ChatServerOptions options;
        lock (_lock)
        {
            if (_started)
            {
                throw new InvalidOperationException("A ChatServer can be started only once; create a new one.");
            }

            options = _configured.Snapshot();
            _plugIns?.ApplyTo(options);
            ChatServerOptionsValidator.ThrowIfInvalid(options);
            _started = true;
        }

        foreach (var warning in ChatServerOptionsValidator.Warnings(options))
        {
            Log.OptionsWarning(_logger, warning);
        }

        var running = await ServerRuntime.StartAsync(options, _time, _logger, _meterFactory, events, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _running = running;
        }

        Log.Listening(_logger, running.Listener.LocalEndPoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        ServerRuntime? running;
        TaskCompletionSource<bool> stopped;
        CancellationTokenSource cut;
        lock (_lock)
        {
            running = _stopped is null ? _running : null;
            if (_stopped is null && running is null)
            {
                // Never started: nothing to stop.
                return;
            }

            if (running is not null)
            {
                _running = null;
                _stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _cutStop = new CancellationTokenSource();
            }

            stopped = _stopped!;
            cut = _cutStop!;
        }

        using var registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), cut);
        if (running is not null)
        {
            try
            {
                await running.StopAsync(_time, cut.Token).ConfigureAwait(false);
                Log.Stopped(_logger);
                stopped.TrySetResult(true);
            }
            catch (Exception ex)
            {
                stopped.TrySetException(ex);
                throw;
            }
        }

        await stopped.Task.ConfigureAwait(false);
    }
}
