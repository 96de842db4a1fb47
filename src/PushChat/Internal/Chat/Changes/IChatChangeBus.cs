using PushChat.Internal.Chat.State;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// Carries changes to the state they change. In one process it applies them at once; a bus
/// between nodes would deliver every change to every node's <see cref="ChatState"/> in one order.
/// </summary>
internal interface IChatChangeBus
{
    ChangeResult Submit(ChatChange change);
}
