using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// What a change leaves to do once the lock is released: end streams, and run host code
/// (loggers, metric listeners) that must neither stall nor break the state.
/// </summary>
internal sealed class AfterChange
{
    private readonly ILogger _logger;
    private readonly IFanOut _fanOut;
    private List<(IPushStream Stream, string Reason)>? _ending;
    private List<Action>? _notifications;

    public AfterChange(ILogger logger, IFanOut fanOut)
    {
        _logger = logger;
        _fanOut = fanOut;
    }

    /// <summary>
    /// Ends the stream after the lock, saying why (<see cref="ByeReasons"/>), once the items the
    /// change handed to fan-out have reached it: a stream that ended at once would drop them.
    /// </summary>
    public void End(IPushStream stream, string reason) => (_ending ??= new List<(IPushStream, string)>()).Add((stream, reason));

    public void Notify(Action notification) => (_notifications ??= new List<Action>()).Add(notification);

    public void Run()
    {
        foreach (var (stream, reason) in _ending ?? Enumerable.Empty<(IPushStream, string)>())
        {
            _fanOut.After(() => Isolated(() => stream.End(reason)));
        }

        foreach (var notification in _notifications ?? Enumerable.Empty<Action>())
        {
            Isolated(notification);
        }
    }

    private void Isolated(Action step)
    {
        try
        {
            step();
        }
#pragma warning disable CA1031 // One stream's goodbye or one listener must not keep the rest from running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.AfterChangeFailed(_logger, ex);
        }
    }
}
