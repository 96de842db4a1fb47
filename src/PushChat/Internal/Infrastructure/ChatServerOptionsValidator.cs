using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Microsoft.Extensions.Options;
using PushChat.Internal.Chat.Services;
using PushChat.Internal.Chat.State;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Checks options, listing every problem at once: at start, and through the options pipeline
/// (<c>ValidateOnStart</c>) when the server is registered in a container.
/// </summary>
internal sealed class ChatServerOptionsValidator : IValidateOptions<ChatServerOptions>
{
    public static void ThrowIfInvalid(ChatServerOptions options)
    {
        var failures = Failures(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(ChatServerOptions), typeof(ChatServerOptions), failures);
        }
    }

    public static List<string> Failures(ChatServerOptions options)
    {
        var failures = new List<string>();
        void Require(bool condition, string message)
        {
            if (!condition)
            {
                failures.Add(message);
            }
        }

        Require(IPAddress.TryParse(options.ListenAddress ?? string.Empty, out _), $"ListenAddress '{options.ListenAddress}' is not an IP address (use 127.0.0.1, 0.0.0.0 or ::).");
        Require(options.Port is >= 0 and <= 65535, $"Port {options.Port} must be between 0 and 65535.");
        Require(options.Certificate is null || options.Certificate.HasPrivateKey, "Certificate has no private key: load it from a PFX file or with its key file (X509Certificate2.CreateFromPemFile).");
        Require(options.CertificateChain is null || options.CertificateChain.Count == 0 || options.Certificate is not null, "CertificateChain needs a Certificate: it holds the intermediates sent with it.");
        Require(options.HstsMaxAge is null || options.Certificate is not null, "HstsMaxAge needs a Certificate: Strict-Transport-Security is sent only over HTTPS.");
        Require(options.HstsMaxAge is not { } maxAge || maxAge >= TimeSpan.Zero, "HstsMaxAge must not be negative (0 tells browsers to forget the rule).");
        Require(options.HttpRedirectPort is null || options.Certificate is not null, "HttpRedirectPort needs a Certificate: it redirects to HTTPS on Port.");
        Require(
            options.HttpRedirectPort is not { } redirectPort || (redirectPort is >= 0 and <= 65535 && (redirectPort == 0 || redirectPort != options.Port)),
            $"HttpRedirectPort {options.HttpRedirectPort} must be between 0 and 65535 and differ from Port.");
        foreach (var proxy in options.TrustedProxies)
        {
            Require(proxy is not null && Http.TrustedProxies.TryParseRange(proxy, out _), $"TrustedProxies entry '{proxy}' is not an IP address or a CIDR range like 10.0.0.0/8.");
        }

        // A socket bound to loopback is reached from this machine only: a proxy elsewhere can
        // never connect, so its X-Forwarded-For would never be read and every visitor refused.
        var proxyRanges = ProxyRanges(options);
        Require(
            proxyRanges.Count == 0 || !IsLoopback(options.ListenAddress) || proxyRanges.Any(Http.TrustedProxies.IncludesLoopback),
            $"TrustedProxies lists no loopback address, but ListenAddress {options.ListenAddress} takes connections from this machine only: the proxy could never connect. Listen on an address the proxy reaches, or list the proxy's loopback address (127.0.0.1).");

        foreach (var origin in options.AllowedOrigins)
        {
            Require(origin is not null && Http.CrossSiteCheck.Normalize(origin) is not null, $"AllowedOrigins entry '{origin}' is not an origin like https://chat.example (scheme, host and optional port, no path).");
        }

        foreach (var host in options.AllowedHosts)
        {
            Require(
                host == "*" || (host is not null && Http.HostAuthority.HostOf(host.Trim()) is { Length: > 0 } name && string.Equals(name, host.Trim(), StringComparison.OrdinalIgnoreCase)),
                $"AllowedHosts entry '{host}' is not a host name (like chat.example, 203.0.113.7 or [2001:db8::1], without a port) or \"*\".");
        }

        Require(!string.IsNullOrWhiteSpace(options.Title), "Title must not be empty.");
        Require(!string.IsNullOrWhiteSpace(options.DefaultRoom), "DefaultRoom must not be empty.");
        Require(options.Languages.Count > 0 && !options.Languages.Contains(null!), "Languages must list at least one language, and no null.");
        Require(
            options.Languages.Where(language => language is not null).GroupBy(language => language.Tag, StringComparer.OrdinalIgnoreCase).All(tag => tag.Count() == 1),
            "Languages must not list two languages with one tag.");
        Require(
            options.Languages.Any(language => language is not null && string.Equals(language.Tag, options.DefaultLanguage, StringComparison.OrdinalIgnoreCase)),
            $"DefaultLanguage '{options.DefaultLanguage}' is not the tag of a language in Languages ({string.Join(", ", options.Languages.Where(language => language is not null).Select(language => language.Tag))}).");
        Require(
            string.IsNullOrWhiteSpace(options.DefaultRoom) || (options.DefaultRoom == Chat.State.RoomNameRules.Normalize(options.DefaultRoom) && Chat.State.RoomNameRules.Check(options.DefaultRoom) is null),
            $"DefaultRoom '{options.DefaultRoom}' is not a valid room name: use 1 to {Chat.State.RoomNameRules.MaxLength} letters, digits, spaces, '-' and '_', without leading or trailing spaces.");
        Require(options.EmptyRoomGracePeriod >= TimeSpan.Zero, "EmptyRoomGracePeriod must not be negative.");
        Require(options.FoldNoticesAbove >= 0, $"FoldNoticesAbove must not be negative (0 folds the notices of every room); it is {options.FoldNoticesAbove}.");
        Require(options.HistoryLength is >= 0 and <= 100_000, $"HistoryLength {options.HistoryLength} must be between 0 and 100,000.");
        Require(options.KeepAliveInterval >= TimeSpan.FromSeconds(1), "KeepAliveInterval must be at least 1 second.");
        Require(options.NamesRefreshInterval >= TimeSpan.FromSeconds(1), "NamesRefreshInterval must be at least 1 second.");
        Require(options.SessionIdleTimeout > options.NamesRefreshInterval, "SessionIdleTimeout must be longer than NamesRefreshInterval, or every session would expire between two refreshes.");
        Require(options.StreamOpenTimeout > TimeSpan.Zero, "StreamOpenTimeout must be positive.");
        Require(options.LeaveGracePeriod >= TimeSpan.Zero, "LeaveGracePeriod must not be negative.");
        Require(options.ShutdownTimeout >= TimeSpan.Zero, "ShutdownTimeout must not be negative.");
        Require(options.HookTimeout >= TimeSpan.FromMilliseconds(100), "HookTimeout must be at least 100 milliseconds.");
        Require(!options.MessageFilters.Contains(null!), "MessageFilters must not contain null.");
        Require(options.ReservedNames.All(n => !string.IsNullOrWhiteSpace(n)), "ReservedNames must not contain an empty name.");

        var limits = options.Limits;
        if (limits is null)
        {
            failures.Add("Limits must not be null.");
            return failures;
        }

        Require(limits.MaxRequestLineBytes >= 256, "Limits.MaxRequestLineBytes must be at least 256.");
        Require(limits.MaxRequestHeadersBytes >= 1024, "Limits.MaxRequestHeadersBytes must be at least 1,024.");
        Require(
            !options.RequireSessionCookie || limits.MaxRequestHeadersBytes >= SessionCookieHeaderBytes,
            $"Limits.MaxRequestHeadersBytes ({limits.MaxRequestHeadersBytes:N0}) must be at least {SessionCookieHeaderBytes:N0} while RequireSessionCookie is on: a browser sends the cookie of every chat it has open (about 64 bytes each) beside its usual headers.");
        Require(limits.MaxRequestHeaderCount >= 8, "Limits.MaxRequestHeaderCount must be at least 8.");
        Require(limits.MaxRequestBodyBytes >= 1024, "Limits.MaxRequestBodyBytes must be at least 1,024.");
        Require(limits.RequestTimeout >= TimeSpan.FromSeconds(1), "Limits.RequestTimeout must be at least 1 second.");
        Require(limits.KeepAliveTimeout >= TimeSpan.FromSeconds(1), "Limits.KeepAliveTimeout must be at least 1 second.");
        Require(limits.FirstByteTimeout >= TimeSpan.FromSeconds(1), "Limits.FirstByteTimeout must be at least 1 second.");
        Require(limits.StreamSendBufferBytes is >= 4096 and <= 16 * 1024 * 1024, $"Limits.StreamSendBufferBytes {limits.StreamSendBufferBytes} must be between 4,096 and 16 MiB.");
        Require(limits.MaxConnections >= 1, "Limits.MaxConnections must be at least 1.");
        Require(limits.MaxConnectionsPerAddress >= 1, "Limits.MaxConnectionsPerAddress must be at least 1.");
        Require(limits.MaxConnectionsPerTrustedProxy >= 1, "Limits.MaxConnectionsPerTrustedProxy must be at least 1.");
        Require(limits.AddressPrefixIPv6 is >= 32 and <= 128, $"Limits.AddressPrefixIPv6 {limits.AddressPrefixIPv6} must be between 32 and 128 (a prefix shorter than an ISP's puts unrelated clients together).");
        Require(limits.MaxSessionsPerAddress >= 0, "Limits.MaxSessionsPerAddress must not be negative (0 turns it off).");
        Require(limits.MaxUnopenedSessionsPerAddress >= 0, "Limits.MaxUnopenedSessionsPerAddress must not be negative (0 turns it off).");
        Require(limits.MaxLoginsPerAddressPerMinute >= 0, "Limits.MaxLoginsPerAddressPerMinute must not be negative (0 turns it off).");
        Require(limits.MaxRegistrationsPerAddressPerHour >= 0, "Limits.MaxRegistrationsPerAddressPerHour must not be negative (0 turns it off).");
        Require(limits.MaxRegistrationsPerMinute >= 0, "Limits.MaxRegistrationsPerMinute must not be negative (0 turns it off).");
        Require(limits.MaxLinesPerAddress >= 0, "Limits.MaxLinesPerAddress must not be negative (0 turns it off).");
        Require(limits.AddressLineWindow > TimeSpan.Zero, "Limits.AddressLineWindow must be positive.");
        Require(limits.MaxQueuedBytesPerStream >= 4096, "Limits.MaxQueuedBytesPerStream must be at least 4,096.");
        Require(limits.MaxStreamsPerSession >= 1, "Limits.MaxStreamsPerSession must be at least 1.");
        Require(limits.ChatFrameRenewAfterItems >= 0, "Limits.ChatFrameRenewAfterItems must be 0 (never) or more.");
        Require(limits.MaxMessageLength >= 1, "Limits.MaxMessageLength must be at least 1.");
        Require(limits.MaxQueuedHostEvents >= 1, "Limits.MaxQueuedHostEvents must be at least 1.");
        var longestLine = LongestLineBytes(limits);
        Require(
            limits.MaxQueuedBytesPerStream >= 2 * longestLine,
            $"Limits.MaxQueuedBytesPerStream ({limits.MaxQueuedBytesPerStream:N0}) must hold at least two of the longest lines ({longestLine:N0} bytes each with MaxMessageLength {limits.MaxMessageLength:N0}), or a reader would be cut off by a single line.");
        Require(limits.MaxUserNameLength is >= 1 and <= 256, "Limits.MaxUserNameLength must be between 1 and 256.");
        Require(limits.MinPasswordLength >= 1, "Limits.MinPasswordLength must be at least 1.");
        Require(limits.MaxPasswordLength >= limits.MinPasswordLength && limits.MaxPasswordLength <= 1024, $"Limits.MaxPasswordLength must be between MinPasswordLength ({limits.MinPasswordLength}) and 1,024.");
        Require(limits.MaxSessions >= 1, "Limits.MaxSessions must be at least 1.");
        Require(limits.MaxRooms >= 1, "Limits.MaxRooms must be at least 1 (the default room).");
        Require(limits.MaxRoomOccupants >= 1, "Limits.MaxRoomOccupants must be at least 1.");
        Require(limits.MaxRoomsPerUser >= 1, "Limits.MaxRoomsPerUser must be at least 1.");
        Require(
            limits.MaxRoomMuteDuration >= TimeSpan.FromSeconds(1) && limits.MaxRoomMuteDuration <= Chat.Policy.ChatPolicy.LongestOnServer,
            "Limits.MaxRoomMuteDuration must be between 1 second and 365 days.");
        Require(limits.MaxLoginFailures >= 0, "Limits.MaxLoginFailures must not be negative (0 turns locking off).");
        Require(limits.LoginFailureWindow > TimeSpan.Zero, "Limits.LoginFailureWindow must be positive.");
        Require(limits.LoginLockout > TimeSpan.Zero, "Limits.LoginLockout must be positive.");
        Require(limits.MaxLoginLockout >= limits.LoginLockout, "Limits.MaxLoginLockout must be at least Limits.LoginLockout.");
        return failures;
    }

    // Room for about a hundred sessions' cookies beside a browser's usual headers; nginx's
    // large_client_header_buffers default is 8 KiB per header line.
    private const int SessionCookieHeaderBytes = 8 * 1024;

    /// <summary>
    /// Settings that work but probably not as meant: logged as warnings at start. Valid options
    /// are assumed.
    /// </summary>
    public static List<string> Warnings(ChatServerOptions options)
    {
        var warnings = new List<string>();
        var proxyRanges = ProxyRanges(options);
        if (proxyRanges.Count == 0)
        {
            return warnings;
        }

        var limits = options.Limits;
        var proxyCap = Math.Min(limits.MaxConnectionsPerTrustedProxy, limits.MaxConnections);
        if (proxyCap <= limits.MaxConnectionsPerAddress)
        {
            warnings.Add(
                $"Limits.MaxConnectionsPerTrustedProxy ({proxyCap:N0} with MaxConnections) is not above MaxConnectionsPerAddress ({limits.MaxConnectionsPerAddress:N0}): "
                + "every visitor comes through the proxy, so the whole chat holds no more connections than one client may.");
        }

        if (!IsLoopback(options.ListenAddress) && proxyRanges.All(Http.TrustedProxies.IsLoopbackOnly))
        {
            warnings.Add(
                $"TrustedProxies lists only loopback addresses, but ListenAddress {options.ListenAddress} takes connections from other machines too: "
                + "visitors can reach the chat around the proxy. Listen on 127.0.0.1 behind a proxy on this machine.");
        }

        return warnings;
    }

    public ValidateOptionsResult Validate(string? name, ChatServerOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var failures = Failures(options);
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static List<(byte[] Network, int PrefixLength)> ProxyRanges(ChatServerOptions options)
    {
        var ranges = new List<(byte[] Network, int PrefixLength)>();
        foreach (var proxy in options.TrustedProxies)
        {
            if (proxy is not null && Http.TrustedProxies.TryParseRange(proxy, out var range))
            {
                ranges.Add(range);
            }
        }

        return ranges;
    }

    private static bool IsLoopback(string? listenAddress) =>
        IPAddress.TryParse(listenAddress ?? string.Empty, out var address) && IPAddress.IsLoopback(address);

    /// <summary>
    /// A line's worst-case size on the wire: every character escaped to six bytes ("&amp;quot;")
    /// or four UTF-8 bytes, plus the name and the markup around it.
    /// </summary>
    private static long LongestLineBytes(ChatServerLimits limits) =>
        (6L * limits.MaxMessageLength) + (4L * limits.MaxUserNameLength) + 1024;
}
