using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PushChat.Internal.Http;

/// <summary>
/// Tells forms sent from another site's page (cross-site request forgery, login CSRF included)
/// from the chat's own. Browsers say where a request comes from in <c>Sec-Fetch-Site</c> (Fetch
/// Metadata) and <c>Origin</c> (RFC 6454); a request with neither comes from a script or a tool,
/// not from a page another site controls, and is let through.
/// </summary>
internal sealed class CrossSiteCheck
{
    private readonly HashSet<string> _allowedOrigins;

    public CrossSiteCheck(IEnumerable<string> allowedOrigins) =>
        _allowedOrigins = new HashSet<string>(allowedOrigins.Select(Normalize).OfType<string>(), StringComparer.Ordinal);

    /// <summary>An origin as <c>scheme://host:port</c>, lower-cased and with its port; null when it is not one.</summary>
    public static string? Normalize(string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
            ? uri.Scheme + "://" + uri.Host.ToLowerInvariant() + ":" + uri.Port.ToString(CultureInfo.InvariantCulture)
            : null;

    public bool IsCrossSite(HttpRequest request)
    {
        var origin = request.Headers["Origin"];
        if (origin is not null && Normalize(origin) is { } normalized && _allowedOrigins.Contains(normalized))
        {
            return false;
        }

        // "none": the user opened it (bookmark, address bar); "same-site" is a sibling host, which is another site's page too.
        if (request.Headers["Sec-Fetch-Site"] is { } site)
        {
            return !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase) && !string.Equals(site, "none", StringComparison.OrdinalIgnoreCase);
        }

        return origin is not null && !IsSameAuthority(origin, request.Headers["Host"]);
    }

    // The page's origin names the host and port the browser sent the form to, which is the Host it sends.
    private static bool IsSameAuthority(string origin, string? host)
    {
        if (host is null || !Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var page) || page.Scheme is not ("http" or "https"))
        {
            return false;
        }

        return string.Equals(HostAuthority.HostOf(host), page.Host, StringComparison.OrdinalIgnoreCase)
            && (HostAuthority.PortOf(host) ?? page.Port) == page.Port;
    }
}
