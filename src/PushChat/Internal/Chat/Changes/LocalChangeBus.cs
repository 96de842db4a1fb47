using PushChat.Internal.Chat.State;

namespace PushChat.Internal.Chat.Changes;

/// <summary>The bus of a single node: every change is applied here, in the order submitted.</summary>
internal sealed class LocalChangeBus : IChatChangeBus
{
    private readonly ChatState _state;

    public LocalChangeBus(ChatState state) => _state = state;

    public ChangeResult Submit(ChatChange change) => _state.Apply(change);
}
