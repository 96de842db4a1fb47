using System;
using System.Collections.Generic;
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
    private readonly object _gate = new();

    // Results of this node's changes, by position: applied before their maker asked, or asked before they were applied.
    private readonly Dictionary<long, ChangeResult> _unclaimed = new();
    private readonly Dictionary<long, TaskCompletionSource<ChangeResult>> _claims = new();
    private readonly List<(long Position, TaskCompletionSource<bool> Reached)> _waiters = new();
    private long _applied;
    private long _startHead = long.MaxValue;

    public ReplicatedChangeBus(ChatState state, IChatBackplane backplane, ILogger logger)
    {
        _state = state;
        _backplane = backplane;
        _logger = logger;
    }

    /// <summary>The position of the last change this node applied.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    public async ValueTask<ChangeResult> SubmitAsync(ChatChange change, CancellationToken cancellationToken = default)
    {
        BackplaneChange stored;
        try
        {
            stored = await _backplane.AppendAsync(ChangeCodec.Encode(change), cancellationToken).ConfigureAwait(false);
        }
        catch (BackplaneUnavailableException ex)
        {
            Log.BackplaneUnavailable(_logger, ex);
            return ChangeResult.Refused(503, LocalText.Of(ServiceTexts.BackplaneUnavailable));
        }

        Task<ChangeResult> result;
        lock (_gate)
        {
            if (_unclaimed.TryGetValue(stored.Position, out var applied))
            {
                _unclaimed.Remove(stored.Position);
                return applied;
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

        return cancellationToken.CanBeCanceled ? WaitAsync(reached.Task, cancellationToken) : reached.Task;
    }

    private static async Task WaitAsync(Task reached, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            await Task.WhenAny(reached, cancelled.Task).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Apply(BackplaneChange stored)
    {
        if (stored.Position != Applied + 1)
        {
            // A backplane that skips or repeats breaks the one order every node keeps.
            throw new InvalidOperationException($"The backplane gave change {stored.Position} after {Applied}.");
        }

        var ours = stored.NodeId == _backplane.NodeId && stored.Position > Interlocked.Read(ref _startHead);
        ChangeResult result;
        try
        {
            result = _state.Apply(ChangeCodec.Decode(stored.Payload.Span, stored.At), raisesEvents: ours);
        }
        catch (FormatException ex)
        {
            // Every node skips the same unreadable change, so they still agree.
            Log.ChangeUnreadable(_logger, stored.Position, ex);
            result = ChangeResult.Refused(500, LocalText.Of(ServiceTexts.BackplaneUnavailable));
        }

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
}
