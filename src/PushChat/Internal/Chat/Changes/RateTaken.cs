using System.Net;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// One event counted against a rate budget of <see cref="ChatServerLimits"/> named
/// <paramref name="Limit"/>: of the client at <paramref name="Address"/>, or of every client
/// together when null. Counted on every node, so a client that a load balancer spreads over
/// several nodes has one budget. Refused with 429 when the budget is spent.
/// </summary>
internal sealed record RateTaken(string Limit, IPAddress? Address) : ChatChange;
