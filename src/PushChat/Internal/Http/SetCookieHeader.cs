namespace PushChat.Internal.Http;

/// <summary>
/// <c>Set-Cookie</c> values (RFC 6265 §4.1) for cookies that only the server reads: hidden from
/// scripts (<c>HttpOnly</c>), never sent with a request another site starts
/// (<c>SameSite=Strict</c>), for every path of the site.
/// </summary>
internal static class SetCookieHeader
{
    public const string Name = "Set-Cookie";

    /// <summary>
    /// A cookie without Max-Age or Expires: it lives until the browser closes. <paramref name="secure"/>
    /// keeps it to HTTPS.
    /// </summary>
    public static string ForBrowserSession(string name, string value, bool secure) =>
        $"{name}={value}; Path=/; HttpOnly; SameSite=Strict{(secure ? "; Secure" : string.Empty)}";

    /// <summary>
    /// A cookie kept for <paramref name="maxAgeSeconds"/>, sent also when a link from another site
    /// opens the chat (<c>SameSite=Lax</c>): for a preference, never for a secret.
    /// </summary>
    public static string Lasting(string name, string value, int maxAgeSeconds, bool secure) =>
        $"{name}={value}; Path=/; Max-Age={maxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; HttpOnly; SameSite=Lax{(secure ? "; Secure" : string.Empty)}";

    /// <summary>Tells the browser to drop the cookie now; its attributes must match the ones it was set with.</summary>
    public static string Expired(string name, bool secure) =>
        $"{name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{(secure ? "; Secure" : string.Empty)}";
}
