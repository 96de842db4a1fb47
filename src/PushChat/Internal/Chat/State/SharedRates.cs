using System;
using System.Collections.Generic;
using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// The rate budgets of <see cref="ChatServerLimits"/> that logins, registrations and lines take
/// from before anything else: part of the chat's state, taken by <see cref="RateTaken"/> changes at
/// the change's own time, so all nodes of a scaled-out chat count one budget per client.
/// </summary>
internal sealed class SharedRates
{
    private readonly Dictionary<string, AddressRateLimit> _perAddress;
    private readonly Dictionary<string, ServerRateLimit> _perServer;
    private readonly int _prefixIPv6;

    public SharedRates(ChatServerLimits limits, TimeProvider time)
    {
        _prefixIPv6 = limits.AddressPrefixIPv6;
        _perAddress = new Dictionary<string, AddressRateLimit>(StringComparer.Ordinal)
        {
            [nameof(ChatServerLimits.MaxLinesPerAddress)] = new(limits.MaxLinesPerAddress, limits.AddressLineWindow, time),
            [nameof(ChatServerLimits.MaxLoginsPerAddressPerMinute)] = new(limits.MaxLoginsPerAddressPerMinute, TimeSpan.FromMinutes(1), time),
            [nameof(ChatServerLimits.MaxRegistrationsPerAddressPerHour)] = new(limits.MaxRegistrationsPerAddressPerHour, TimeSpan.FromHours(1), time),
        };
        _perServer = new Dictionary<string, ServerRateLimit>(StringComparer.Ordinal)
        {
            [nameof(ChatServerLimits.MaxRegistrationsPerMinute)] = new(limits.MaxRegistrationsPerMinute, TimeSpan.FromMinutes(1), time),
        };
    }

    public ChangeResult Take(RateTaken taken)
    {
        // A limit this node does not know (a newer node's) counts nothing here, on every node alike.
        var allowed = taken.Address is { } address
            ? !_perAddress.TryGetValue(taken.Limit, out var perAddress) || perAddress.TryTake(AddressKey.Of(address, _prefixIPv6))
            : !_perServer.TryGetValue(taken.Limit, out var perServer) || perServer.TryTake();
        return allowed ? ChangeResult.Applied : ChangeResult.Refused(429, LocalText.Of(ServiceTexts.TooManyMessagesFromNetwork));
    }
}
