using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Infrastructure;
using PushChat.ScaleOut;

namespace PushChat.Internal.ScaleOut;

/// <summary>
/// This server as one node of a scaled-out chat: it reads and applies every change
/// (<see cref="ReplicatedChangeBus"/>), reports its streams (<see cref="PresenceReporter"/>), does
/// the chat's timed work while it leads, and, while it leads, tells the chat of nodes that stopped
/// saying they are alive. A server on its own has none.
/// </summary>
#pragma warning disable CA1001 // The source is disposed by LeaveAsync, the node's one way out.
internal sealed class ChatNode
#pragma warning restore CA1001
{
    // How often the leader asks which nodes are alive, and how often signs of life are sent.
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    private readonly IChatBackplane _backplane;
    private readonly ChatState _state;
    private readonly PresenceReporter _reporter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _reading = Task.CompletedTask;
    private Task _reporting = Task.CompletedTask;
    private Task _leading = Task.CompletedTask;
    private readonly object _roundGate = new();
    private bool _inRound;
    private bool _roundWanted;
    private bool _leaving;
    private DateTimeOffset _nextCheck;

    public ChatNode(IChatBackplane backplane, ChatState state, PresenceReporter reporter, TimeProvider time, ILogger logger)
    {
        _backplane = backplane;
        _state = state;
        _reporter = reporter;
        _time = time;
        _logger = logger;
        Bus = new ReplicatedChangeBus(state, backplane, time, logger);
    }

    public ReplicatedChangeBus Bus { get; }

    /// <summary>Completes once every report of this node's streams so far was sent and applied here.</summary>
    public Task WhenSettled => _reporter.WhenSettled;

    public string NodeId => _backplane.NodeId;

    /// <summary>Whether this node does the chat's timed work now.</summary>
    public bool IsLeader => _backplane.IsLeader;

    /// <summary>Joins the chat and applies every change stored so far before it answers anyone.</summary>
    public async Task JoinAsync(BackplaneStart joined, CancellationToken cancellationToken)
    {
        _reading = Task.Run(() => Bus.RunAsync(0, joined.Head, _stopping.Token), CancellationToken.None);
        _reporting = Task.Run(() => _reporter.RunAsync(Bus, _stopping.Token), CancellationToken.None);
        await Bus.WaitAppliedAsync(joined.Head, cancellationToken).ConfigureAwait(false);
        Log.NodeJoined(_logger, NodeId, joined.Head);

        // A node of this name that died without a goodbye left its users present here: they are not.
        if (_state.Sessions.All().Any(s => !s.Ended && Array.IndexOf(s.PresentOn, NodeId) >= 0))
        {
            await Bus.SubmitAsync(new NodeLost(NodeId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Once a second, on the heartbeat: runs <paramref name="leaderWork"/> when this node leads, and
    /// every few seconds sends signs of life and, leading, looks for lost nodes. The rounds run off
    /// the heartbeat, one at a time; a tick during a round asks for one more round after it, so
    /// the last tick is always followed by a round that sees its time.
    /// </summary>
    public void Tick(Action leaderWork)
    {
        lock (_roundGate)
        {
            if (_leaving)
            {
                return;
            }

            if (_inRound)
            {
                _roundWanted = true;
                return;
            }

            _inRound = true;
            _leading = Task.Run(() => RoundsAsync(leaderWork), CancellationToken.None);
        }
    }

    private async Task RoundsAsync(Action leaderWork)
    {
        while (true)
        {
            try
            {
                await RoundAsync(leaderWork).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // The next round tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.PresenceReportFailed(_logger, ex);
            }

            lock (_roundGate)
            {
                if (!_roundWanted || _stopping.IsCancellationRequested)
                {
                    _inRound = false;
                    return;
                }

                _roundWanted = false;
            }
        }
    }

    private async Task RoundAsync(Action leaderWork)
    {
        var leading = IsLeader;
        if (leading)
        {
            leaderWork();
        }

        var now = _time.GetUtcNow();
        if (now < _nextCheck)
        {
            return;
        }

        _nextCheck = now + CheckEvery;
        await _reporter.FlushAsync(_stopping.Token).ConfigureAwait(false);
        if (leading)
        {
            await LoseSilentNodesAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Leaves the chat: this node's streams end (their readers come back through another node), the others learn it is gone.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        // No round starts from now on, and the one running ends before the others learn this node is gone.
        Task round;
        lock (_roundGate)
        {
            _leaving = true;
            round = _leading;
        }

        await Quietly(round).ConfigureAwait(false);
        _state.EndStreamsHere();
        try
        {
            await Bus.SubmitAsync(new NodeLost(NodeId), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _stopping.Cancel();
            await Task.WhenAll(Quietly(_reading), Quietly(_reporting), Quietly(_leading)).ConfigureAwait(false);
            await _backplane.StopAsync(cancellationToken).ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    private async Task LoseSilentNodesAsync()
    {
        var live = new HashSet<string>(await _backplane.LiveNodesAsync(_stopping.Token).ConfigureAwait(false), StringComparer.Ordinal) { NodeId };
        var present = _state.Sessions.All().Where(s => !s.Ended).SelectMany(s => s.PresentOn).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var node in present.Where(n => !live.Contains(n)))
        {
            Log.NodeLost(_logger, node);
            await Bus.SubmitAsync(new NodeLost(node), _stopping.Token).ConfigureAwait(false);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Stopping: what a loop ended with was logged where it happened.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
