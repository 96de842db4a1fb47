using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.State;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// Carries changes to the state they change. A server on its own applies them at once; a node of
/// a scaled-out chat appends them to the backplane, which gives them to every node's
/// <see cref="ChatState"/> in one order, and answers once this node has applied it.
/// </summary>
internal interface IChatChangeBus
{
    /// <summary>Applies a change and answers with its result, once this node has applied it.</summary>
    ValueTask<ChangeResult> SubmitAsync(ChatChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same, blocking the calling thread until the change is applied: for the host's
    /// synchronous calls and the stop only.
    /// </summary>
    ChangeResult Submit(ChatChange change);
}
