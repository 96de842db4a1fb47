using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.ScaleOut;

namespace PushChat.Internal.ScaleOut;

/// <summary>
/// The bus of a node of a scaled-out chat. A change is appended to the backplane, which orders it
/// among every node's changes; this node applies every change in that order as it reads them
/// (<see cref="RunAsync"/>), its own included, and answers a change's maker once it has applied it,
/// so whatever the maker does next sees it. Host events are raised for this node's own changes only.
/// </summary>
internal sealed class ReplicatedChangeBus : IChatChangeBus
{
    private readonly ChatState _state;
    private readonly IChatBackplane _backplane;
    private readonly ILogger _logger;
    private readonly LogThrottle _unavailableLog;
    private readonly object _gate = new();

    // Results of this node's changes, by position: applied before their maker asked, or asked before they were applied.
    private readonly Dictionary<long, ChangeResult> _unclaimed = new();
    private readonly Dictionary<long, TaskCompletionSource<ChangeResult>> _claims = new();
    private readonly List<(long Position, TaskCompletionSource<bool> Reached)> _waiters = new();
    private long _applied;
    private long _startHead = long.MaxValue;
    private bool _stopped;

    public ReplicatedChangeBus(ChatState state, IChatBackplane backplane, TimeProvider time, ILogger logger)
    {
        _unavailableLog = new LogThrottle(time);
        _state = state;
        _backplane = backplane;
        _logger = logger;
    }

    private static ChangeResult Unavailable => ChangeResult.Refused(503, LocalText.Of(ServiceTexts.BackplaneUnavailable));

    private static ChangeResult Failed => ChangeResult.Refused(500, LocalText.Of(ErrorPageTexts.ServerFailed));

    /// <summary>The position of the last change this node applied.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    public async ValueTask<ChangeResult> SubmitAsync(ChatChange change, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _stopped))
        {
            return Unavailable;
        }

        BackplaneChange stored;
        try
        {
            stored = await _backplane.AppendAsync(ChangeCodec.Encode(change), cancellationToken).ConfigureAwait(false);
        }
        catch (BackplaneUnavailableException ex)
        {
            // While the database is down every change is refused: a few lines a minute say so.
            if (_unavailableLog.TryEnter(out var skipped))
            {
                Log.BackplaneUnavailable(_logger, skipped, ex.Message);
            }

            return Unavailable;
        }

        Task<ChangeResult> result;
        lock (_gate)
        {
            if (_unclaimed.TryGetValue(stored.Position, out var applied))
            {
                _unclaimed.Remove(stored.Position);
                return applied;
            }

            if (_stopped)
            {
                // Appended, but this node reads no more: whether it was applied here is not known.
                return Unavailable;
            }

            var claim = new TaskCompletionSource<ChangeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _claims[stored.Position] = claim;
            result = claim.Task;
        }

        return await result.ConfigureAwait(false);
    }

    public ChangeResult Submit(ChatChange change) => SubmitAsync(change).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Applies every change after <paramref name="after"/> as the backplane gives them, until
    /// <paramref name="cancellationToken"/> is cancelled; the changes up to
    /// <paramref name="startHead"/>, stored before this node started, raise no host events.
    /// </summary>
    public async Task RunAsync(long after, long startHead, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _startHead, startHead);
        Interlocked.Exchange(ref _applied, after);
        try
        {
            await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Stop();
        }
    }

    /// <summary>This node reads no more: whoever waits for a change to be applied here is answered now, and later changes are refused.</summary>
    private void Stop()
    {
        List<TaskCompletionSource<ChangeResult>> claims;
        List<TaskCompletionSource<bool>> waiters;
        lock (_gate)
        {
            _stopped = true;
            claims = _claims.Values.ToList();
            waiters = _waiters.Select(w => w.Reached).ToList();
            _claims.Clear();
            _waiters.Clear();
            _unclaimed.Clear();
        }

        claims.ForEach(c => c.TrySetResult(Unavailable));
        waiters.ForEach(w => w.TrySetCanceled());
    }

    private async Task ReadAllAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var stored in _backplane.ReadAsync(Applied, cancellationToken).ConfigureAwait(false))
                {
                    Apply(stored);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The node keeps reading: a backplane that failed is read again from where it stopped.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.BackplaneReadFailed(_logger, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The position of the newest change stored now.</summary>
    public Task<long> HeadAsync() => _backplane.HeadAsync(CancellationToken.None);

    /// <summary>Completes once this node has applied every change stored when it was called: what another node did is then known here.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        long head;
        try
        {
            head = await _backplane.HeadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BackplaneUnavailableException)
        {
            // Without the store, what this node has is all there is to go by.
            return;
        }

        await WaitAppliedAsync(head, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes once this node has applied the change at <paramref name="position"/>.</summary>
    public Task WaitAppliedAsync(long position, CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> reached;
        lock (_gate)
        {
            if (Applied >= position)
            {
                return Task.CompletedTask;
            }

            reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((position, reached));
        }

        return reached.Task.WaitUntil(cancellationToken);
    }

    private void Apply(BackplaneChange stored)
    {
        if (stored.Position != Applied + 1)
        {
            // A backplane that skips or repeats breaks the one order every node keeps.
            throw new InvalidOperationException($"The backplane gave change {stored.Position} after {Applied}.");
        }

        var ours = stored.NodeId == _backplane.NodeId && stored.Position > Interlocked.Read(ref _startHead);
        var result = ApplyStored(stored, ours);

        List<TaskCompletionSource<bool>>? reached = null;
        TaskCompletionSource<ChangeResult>? claim = null;
        lock (_gate)
        {
            Interlocked.Exchange(ref _applied, stored.Position);
            if (ours)
            {
                if (_claims.TryGetValue(stored.Position, out claim))
                {
                    _claims.Remove(stored.Position);
                }
                else
                {
                    _unclaimed[stored.Position] = result;
                }
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Position <= stored.Position)
                {
                    (reached ??= new()).Add(_waiters[i].Reached);
                    _waiters.RemoveAt(i);
                }
            }
        }

        claim?.TrySetResult(result);
        reached?.ForEach(r => r.TrySetResult(true));
    }

    /// <summary>
    /// Applies a stored change. One that cannot be read, or whose applying fails, fails on every
    /// node alike: each logs it and reads on, as a server alone answers its next request after one failed.
    /// </summary>
    private ChangeResult ApplyStored(BackplaneChange stored, bool ours)
    {
        ChatChange change;
        try
        {
            change = ChangeCodec.Decode(stored.Payload.Span, stored.At);
        }
        catch (FormatException ex)
        {
            Log.ChangeUnreadable(_logger, stored.Position, ex);
            return Failed;
        }

        try
        {
            return _state.Apply(change, raisesEvents: ours);
        }
#pragma warning disable CA1031 // See above: every node reads on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ChangeFailed(_logger, stored.Position, ex);
            return Failed;
        }
    }
}
