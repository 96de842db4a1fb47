using System;
using PushChat.Internal.Chat.State;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// One change of the chat's shared state: small, immutable and complete, so that it can be
/// applied in order by <see cref="ChatState"/> here and, later, travel to other nodes.
/// </summary>
internal abstract record ChatChange
{
    /// <summary>
    /// When the change happened, as its sequencer stamped it; everything it sets in the state is
    /// timed by this. Null until stamped: <see cref="ChatState.Apply"/> stamps an unstamped change
    /// with its own clock as it applies it.
    /// </summary>
    public DateTimeOffset? At { get; init; }
}
