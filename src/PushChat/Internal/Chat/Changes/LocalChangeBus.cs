using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.State;

namespace PushChat.Internal.Chat.Changes;

/// <summary>The bus of a server on its own: every change is applied here, in the order submitted.</summary>
internal sealed class LocalChangeBus : IChatChangeBus
{
    private readonly ChatState _state;

    public LocalChangeBus(ChatState state) => _state = state;

    public ValueTask<ChangeResult> SubmitAsync(ChatChange change, CancellationToken cancellationToken = default) =>
        new(_state.Apply(change));

    public ChangeResult Submit(ChatChange change) => _state.Apply(change);
}
