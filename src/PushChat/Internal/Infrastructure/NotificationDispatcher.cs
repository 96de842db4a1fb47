using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Runs host event handlers one at a time, in order, away from the socket loops. A handler that
/// throws is logged and the next one runs.
/// </summary>
internal sealed class NotificationDispatcher
{
    private readonly Channel<(string Name, Action Handler)> _queue =
        Channel.CreateUnbounded<(string, Action)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ILogger _logger;
    private readonly Task _loop;

    public NotificationDispatcher(ILogger logger)
    {
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public void Post(string eventName, Action handler) => _queue.Writer.TryWrite((eventName, handler));

    /// <summary>Lets the queued notifications run, then stops; the token stops only the wait for a handler that blocks.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitUntil(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The handlers go on in the background; the stop does not wait for them any longer.
        }
    }

    private async Task RunAsync()
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var item))
            {
                try
                {
                    item.Handler();
                }
#pragma warning disable CA1031 // Host code must not break the server.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.EventHandlerFailed(_logger, item.Name, ex);
                }
            }
        }
    }
}
