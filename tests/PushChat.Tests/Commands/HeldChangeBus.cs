using System.Collections.Concurrent;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Commands;

/// <summary>
/// A change bus that holds every change until the test applies it, as a node of a scaled-out
/// chat answers only once the backplane has given the change back: it shows what a caller does
/// before its change is applied. Blocking submits are refused, since a request must await.
/// </summary>
internal sealed class HeldChangeBus : IChatChangeBus
{
    private readonly ChatState _state;
    private readonly ConcurrentQueue<(ChatChange Change, TaskCompletionSource<ChangeResult> Applied)> _held = new();
    private readonly SemaphoreSlim _submitted = new(0);

    public HeldChangeBus(ChatState state) => _state = state;

    /// <summary>The changes submitted and not yet applied, oldest first.</summary>
    public IReadOnlyList<ChatChange> Held => _held.Select(h => h.Change).ToArray();

    public ValueTask<ChangeResult> SubmitAsync(ChatChange change, CancellationToken cancellationToken = default)
    {
        if (change is RateTaken or LoginSucceeded)
        {
            // Budget counts come before the change a caller makes; they pass at once.
            return new ValueTask<ChangeResult>(_state.Apply(change));
        }

        var applied = new TaskCompletionSource<ChangeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _held.Enqueue((change, applied));
        _submitted.Release();
        return new ValueTask<ChangeResult>(applied.Task);
    }

    public ChangeResult Submit(ChatChange change) =>
        throw new InvalidOperationException($"A blocking submit of {change.GetType().Name} on a request's path.");

    /// <summary>Waits for the next change submitted (in order) and gives it.</summary>
    public async Task<ChatChange> SubmittedAsync()
    {
        Assert.IsTrue(await _submitted.WaitAsync(RawHttpClient.SafetyTimeout), "no change was submitted");
        return Held[0];
    }

    /// <summary>Applies the oldest held change and answers its submitter.</summary>
    public void ApplyOldest()
    {
        Assert.IsTrue(_held.TryDequeue(out var held), "no change is held");
        held.Applied.SetResult(_state.Apply(held.Change));
    }
}
