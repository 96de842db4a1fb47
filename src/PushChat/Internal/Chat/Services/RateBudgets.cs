using System;
using System.Net;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Infrastructure;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Takes events from the rate budgets (logins, registrations, lines) and logs a spent one a few
/// times a minute at most, one log throttle for all address budgets and one for the server-wide
/// ones, so that a flood of refusals does not flood the log.
/// </summary>
internal sealed class RateBudgets
{
    private readonly ChatServerLimits _limits;
    private readonly ILogger _logger;
    private readonly LogThrottle _addressLog;
    private readonly LogThrottle _serverLog;

    public RateBudgets(ChatServerLimits limits, TimeProvider time, ILogger logger)
    {
        _limits = limits;
        _logger = logger;
        _addressLog = new LogThrottle(time);
        _serverLog = new LogThrottle(time);
    }

    /// <summary>Counts an event of the client's address against a budget (RFC 6585 §4: refused with 429); false when it is spent.</summary>
    public bool TakeAddress(AddressRateLimit budget, IPAddress address, string limit)
    {
        var key = AddressKey.Of(address, _limits.AddressPrefixIPv6);
        if (budget.TryTake(key))
        {
            return true;
        }

        if (_addressLog.TryEnter(out var skipped))
        {
            Log.AddressBudgetReached(_logger, limit, key.ToString(), skipped);
        }

        return false;
    }

    /// <summary>Counts an event against a budget of every client together; false when it is spent.</summary>
    public bool TakeServer(ServerRateLimit budget, string limit)
    {
        if (budget.TryTake())
        {
            return true;
        }

        if (_serverLog.TryEnter(out var skipped))
        {
            Log.ServerBudgetReached(_logger, limit, skipped);
        }

        return false;
    }
}
