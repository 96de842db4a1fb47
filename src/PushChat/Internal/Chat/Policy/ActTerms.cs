using System;
using System.Collections.Generic;

namespace PushChat.Internal.Chat.Policy;

/// <summary>
/// One row of <see cref="ChatPolicy"/>: the command typed for it, the key of the words saying what
/// it does (<see cref="Phrase"/>, worded in each reader's language), how far each authority may do
/// the act, whether one may do it to oneself, its budget (null: none, for acts of the host
/// alone), how long it may last at most in a room and on the whole server, and the act that
/// undoes it.
/// </summary>
internal sealed record ActTerms(
    ChatAct Act,
    string Command,
    string Phrase,
    IReadOnlyList<PolicyScope> Scopes,
    bool OnSelf,
    ActBudget? Budget,
    TimeSpan? LongestInServer,
    bool LongestInRoomIsLimit,
    ChatAct? UndoneBy)
{
    /// <summary>How far <paramref name="authority"/> may do the act.</summary>
    public PolicyScope ScopeOf(Authority authority) => Scopes[(int)authority];
}
