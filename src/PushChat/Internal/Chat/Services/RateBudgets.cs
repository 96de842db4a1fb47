using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Takes events from the rate budgets (logins, registrations, lines) and logs a spent one a few
/// times a minute at most, one log throttle for all address budgets and one for the server-wide
/// ones, so that a flood of refusals does not flood the log.
/// </summary>
internal sealed class RateBudgets
{
    private readonly IChatChangeBus _bus;
    private readonly int _prefixIPv6;
    private readonly ILogger _logger;
    private readonly LogThrottle _addressLog;
    private readonly LogThrottle _serverLog;

    /// <summary>Budgets kept in the chat's state (<see cref="State.SharedRates"/>), taken through <paramref name="bus"/>.</summary>
    public RateBudgets(IChatChangeBus bus, ChatServerLimits limits, TimeProvider time, ILogger logger)
    {
        _bus = bus;
        _prefixIPv6 = limits.AddressPrefixIPv6;
        _logger = logger;
        _addressLog = new LogThrottle(time);
        _serverLog = new LogThrottle(time);
    }

    /// <summary>
    /// Counts an event of the client's address against the budget of <paramref name="limit"/>, a
    /// limit of <see cref="ChatServerLimits"/> set to <paramref name="count"/> (RFC 6585 §4: refused
    /// with 429); false when it is spent. A count of 0 allows every event and counts nothing.
    /// </summary>
    public async ValueTask<bool> TakeAddressAsync(string limit, int count, IPAddress address, CancellationToken cancellationToken) =>
        count == 0 || await TakeAsync(new RateTaken(limit, address), cancellationToken).ConfigureAwait(false);

    /// <summary>Counts an event against the budget of <paramref name="limit"/> for every client together; false when it is spent.</summary>
    public async ValueTask<bool> TakeServerAsync(string limit, int count, CancellationToken cancellationToken) =>
        count == 0 || await TakeAsync(new RateTaken(limit, null), cancellationToken).ConfigureAwait(false);

    private async ValueTask<bool> TakeAsync(RateTaken taken, CancellationToken cancellationToken)
    {
        var result = await _bus.SubmitAsync(taken, cancellationToken).ConfigureAwait(false);

        // Only a spent budget refuses here: a chat that cannot reach its backplane refuses the act itself, in its own words.
        if (!result.IsRefused || result.StatusCode != 429)
        {
            return true;
        }

        var log = taken.Address is null ? _serverLog : _addressLog;
        if (log.TryEnter(out var skipped))
        {
            if (taken.Address is { } address)
            {
                Log.AddressBudgetReached(_logger, taken.Limit, AddressKey.Of(address, _prefixIPv6).ToString(), skipped);
            }
            else
            {
                Log.ServerBudgetReached(_logger, taken.Limit, skipped);
            }
        }

        return false;
    }
}
