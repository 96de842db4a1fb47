using System.Collections.Generic;
using System.Net;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// Sessions per client address, and how many of them have not opened their chat yet, for
/// <see cref="ChatServerLimits.MaxSessionsPerAddress"/> and
/// <see cref="ChatServerLimits.MaxUnopenedSessionsPerAddress"/>. Read and changed only under the
/// chat state's lock, where sessions start, open and end, so no burst of logins gets past a cap.
/// </summary>
internal sealed class AddressSessions
{
    private readonly Dictionary<AddressKey, Counts> _counts = new();
    private readonly int _prefix;
    private readonly int _maxSessions;
    private readonly int _maxUnopened;

    public AddressSessions(ChatServerLimits limits)
    {
        _prefix = limits.AddressPrefixIPv6;
        _maxSessions = limits.MaxSessionsPerAddress;
        _maxUnopened = limits.MaxUnopenedSessionsPerAddress;
    }

    public AddressKey KeyOf(IPAddress address) => AddressKey.Of(address, _prefix);

    /// <summary>
    /// Why one more session from the address is refused (RFC 9110 §15.6.4, 503): the limit's name
    /// and the words for the user; null when it may start. A session the new one takes over is
    /// counted as gone: its place is the new one's.
    /// </summary>
    public (string Limit, LocalText Message)? Refusal(IPAddress address, ChatSession? leaving = null)
    {
        var key = KeyOf(address);
        _counts.TryGetValue(key, out var counts);
        if (leaving is not null && KeyOf(leaving.RemoteAddress).Equals(key))
        {
            counts = new Counts(counts.Sessions - 1, counts.Unopened - (leaving.JoinedAt is null ? 1 : 0));
        }

        return _maxSessions > 0 && counts.Sessions >= _maxSessions
                ? (nameof(ChatServerLimits.MaxSessionsPerAddress), LocalText.Of(StateTexts.AddressCrowded))
            : _maxUnopened > 0 && counts.Unopened >= _maxUnopened
                ? (nameof(ChatServerLimits.MaxUnopenedSessionsPerAddress), LocalText.Of(StateTexts.AddressUnopened))
            : null;
    }

    public void Started(IPAddress address) => Change(address, 1, 1);

    public void Opened(IPAddress address) => Change(address, 0, -1);

    public void Ended(IPAddress address, bool opened) => Change(address, -1, opened ? 0 : -1);

    private void Change(IPAddress address, int sessions, int unopened)
    {
        var key = KeyOf(address);
        _counts.TryGetValue(key, out var counts);
        counts = new Counts(counts.Sessions + sessions, counts.Unopened + unopened);
        if (counts.Sessions <= 0)
        {
            _counts.Remove(key);
        }
        else
        {
            _counts[key] = counts;
        }
    }

    private readonly record struct Counts(int Sessions, int Unopened);
}
