using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.ScaleOut;

/// <summary>
/// Tells the other nodes of a scaled-out chat where this node's users are: when sessions' streams
/// here open or all close, one <see cref="StreamsChanged"/> for all of them with what holds once it
/// is sent (so reports sent one after another never undo each other, and a crowd that logs in at
/// once costs a few changes, not one each); and every so often, which sessions showed a sign of
/// life here (<see cref="SessionsSeen"/>). A report the backplane refused is sent again on the next round.
/// </summary>
internal sealed class PresenceReporter : IPresenceReports
{
    private readonly Channel<ChatSession> _changed = Channel.CreateUnbounded<ChatSession>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<ChatSession, bool> _retry = new();
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);
    private readonly string _node;
    private readonly ILogger _logger;
    private IChatChangeBus? _bus;
    private readonly object _settleGate = new();
    private TaskCompletionSource<bool>? _settled;
    private int _unsent;

    public PresenceReporter(string node, ILogger logger)
    {
        _node = node;
        _logger = logger;
    }

    public void StreamsChanged(ChatSession session)
    {
        Interlocked.Increment(ref _unsent);
        _changed.Writer.TryWrite(session);
    }

    /// <summary>Whether every report of streams opening or closing so far was sent and applied.</summary>
    private bool IsSettled => Volatile.Read(ref _unsent) == 0 && _retry.IsEmpty;

    /// <summary>Completes once <see cref="IsSettled"/> holds.</summary>
    public Task WhenSettled
    {
        get
        {
            lock (_settleGate)
            {
                return IsSettled ? Task.CompletedTask : (_settled ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    public void Touched(ChatSession session) => _seen[session.Id] = true;

    /// <summary>Sends the reports in order until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(IChatChangeBus bus, CancellationToken cancellationToken)
    {
        _bus = bus;
        try
        {
            while (await _changed.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var sessions = new HashSet<ChatSession>();
                var read = 0;
                while (_changed.Reader.TryRead(out var session))
                {
                    sessions.Add(session);
                    read++;
                }

                try
                {
                    await ReportAsync(sessions, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Add(ref _unsent, -read);
                    SignalIfSettled();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends the signs of life seen since the last round, and the reports the backplane refused; once a round.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var session in _retry.Keys.ToArray())
        {
            StreamsChanged(session);
            _retry.TryRemove(session, out _);
        }

        var seen = _seen.Keys.ToArray();
        if (seen.Length == 0 || _bus is not { } bus)
        {
            return;
        }

        foreach (var id in seen)
        {
            _seen.TryRemove(id, out _);
        }

        var result = await bus.SubmitAsync(new SessionsSeen(_node, seen), cancellationToken).ConfigureAwait(false);
        if (result.IsRefused)
        {
            foreach (var id in seen)
            {
                _seen.TryAdd(id, true);
            }
        }
    }

    private async Task ReportAsync(IReadOnlyCollection<ChatSession> sessions, CancellationToken cancellationToken)
    {
        var opened = new List<string>();
        var closed = new List<string>();
        foreach (var session in sessions)
        {
            var here = session.HasStreams && !session.Ended;
            var known = Array.IndexOf(session.PresentOn, _node) >= 0;
            if (here != known)
            {
                (here ? opened : closed).Add(session.Id);
            }
            else if (here)
            {
                Touched(session);
            }
        }

        if (opened.Count + closed.Count == 0)
        {
            return;
        }

        try
        {
            var result = await _bus!.SubmitAsync(new StreamsChanged(_node, opened, closed), cancellationToken).ConfigureAwait(false);
            if (result.IsRefused && result.StatusCode == 503)
            {
                Retry(sessions);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A report that failed must not stop the next ones; it is sent again next round.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PresenceReportFailed(_logger, ex);
            Retry(sessions);
        }
    }

    private void SignalIfSettled()
    {
        TaskCompletionSource<bool>? settled;
        lock (_settleGate)
        {
            if (!IsSettled)
            {
                return;
            }

            settled = _settled;
            _settled = null;
        }

        settled?.TrySetResult(true);
    }

    private void Retry(IEnumerable<ChatSession> sessions)
    {
        foreach (var session in sessions)
        {
            _retry[session] = true;
        }
    }
}
