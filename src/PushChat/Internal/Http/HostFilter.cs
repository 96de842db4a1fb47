using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace PushChat.Internal.Http;

/// <summary>
/// Which host names the server answers for. A chat bound to loopback answers only for the names
/// of this machine, so a page on another site whose name was pointed at 127.0.0.1 (DNS
/// rebinding) cannot reach it; any other bind answers for every name unless the host lists them.
/// </summary>
internal sealed class HostFilter
{
    private static readonly string[] LoopbackNames = { "localhost", "127.0.0.1", "[::1]" };

    private readonly HashSet<string>? _allowed;

    public HostFilter(IEnumerable<string> configured, string listenAddress)
    {
        var names = configured.Select(n => n.Trim().ToLowerInvariant()).Where(n => n.Length > 0).ToList();
        if (names.Count == 0 && IPAddress.TryParse(listenAddress, out var address) && IPAddress.IsLoopback(address))
        {
            names.AddRange(LoopbackNames);
            names.Add(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString());
        }

        _allowed = names.Count == 0 || names.Contains("*") ? null : new HashSet<string>(names, StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether a request for this host (as <see cref="HttpRequest.Host"/> gives it) is answered. An
    /// HTTP/1.0 request without a Host names none; browsers always send one, so it is let through.
    /// </summary>
    public bool Allows(string host) => _allowed is null || host.Length == 0 || _allowed.Contains(host);
}
