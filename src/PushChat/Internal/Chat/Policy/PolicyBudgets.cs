using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Policy;

/// <summary>
/// What each session and each client address has left of every act's budget in
/// <see cref="ChatPolicy"/>: a burst of N, then one every window/N (the generic cell rate
/// algorithm, as <see cref="AddressRateLimit"/>). Used under the chat state's lock only.
/// </summary>
internal sealed class PolicyBudgets
{
    private const int PruneAbove = 4096;

    private readonly Dictionary<(ChatAct, string), long> _sessions = new();
    private readonly Dictionary<(ChatAct, AddressKey), long> _addresses = new();
    private readonly TimeProvider _time;
    private readonly int _prefixIPv6;
    private long _nextPrune;

    public PolicyBudgets(TimeProvider time, int prefixIPv6)
    {
        _time = time;
        _prefixIPv6 = prefixIPv6;
    }

    /// <summary>
    /// Counts the act against the session's and its address's budget; returns why it is refused
    /// (RFC 6585 §4: 429) when either is spent, and then counts it against neither.
    /// </summary>
    public LocalText? Take(ChatAct act, string sessionId, IPAddress address)
    {
        if (ChatPolicy.Terms(act).Budget is not { } budget)
        {
            return null;
        }

        // Wall-clock ticks, which is the change's own time while a change is applied: every node
        // of a scaled-out chat then spends the same budgets alike.
        var now = _time.GetUtcNow().UtcTicks;
        var window = budget.Window.Ticks;
        if (_sessions.Count + _addresses.Count > PruneAbove && now >= _nextPrune)
        {
            Prune(_sessions, now);
            Prune(_addresses, now);
            _nextPrune = now + TimeSpan.TicksPerMinute;
        }

        var sessionKey = (act, sessionId);
        var addressKey = (act, AddressKey.Of(address, _prefixIPv6));
        var sessionNext = Next(_sessions, sessionKey, budget.PerSession, window, now);
        if (sessionNext is null)
        {
            return LocalText.Of(ServiceTexts.BudgetSpent, ("act", ChatPolicy.Phrase(act)), ("count", budget.PerSession), ("duration", ChatPolicy.DurationText(budget.Window)));
        }

        var addressNext = Next(_addresses, addressKey, budget.PerAddress, window, now);
        if (addressNext is null)
        {
            return LocalText.Of(ServiceTexts.BudgetSpentByNetwork, ("act", ChatPolicy.Phrase(act)));
        }

        _sessions[sessionKey] = sessionNext.Value;
        _addresses[addressKey] = addressNext.Value;
        return null;
    }

    /// <summary>When the key's budget is full again after one more event, or null when it is spent now.</summary>
    private static long? Next<TKey>(Dictionary<TKey, long> budgets, TKey key, int count, long window, long now)
        where TKey : notnull
    {
        var interval = Math.Max(1, window / Math.Max(1, count));
        var start = budgets.TryGetValue(key, out var fullAgainAt) ? Math.Max(fullAgainAt, now) : now;
        return start + interval - now > window ? null : start + interval;
    }

    private static void Prune<TKey>(Dictionary<TKey, long> budgets, long now)
        where TKey : notnull
    {
        foreach (var key in budgets.Where(pair => pair.Value <= now).Select(pair => pair.Key).ToList())
        {
            budgets.Remove(key);
        }
    }
}
