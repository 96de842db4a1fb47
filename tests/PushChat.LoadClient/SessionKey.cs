namespace PushChat.LoadClient;

/// <summary>
/// What a browser holds for one PushChat session: the id its frame URLs carry and the session's
/// cookie (<c>name=value</c>, sent with every request of the session), or null when the server
/// set none.
/// </summary>
internal sealed record SessionKey(string Id, string? Cookie)
{
    /// <summary>The <c>Cookie</c> header line to send, or nothing.</summary>
    public string CookieHeader => Cookie is null ? string.Empty : $"Cookie: {Cookie}\r\n";

    /// <summary>The <c>name=value</c> of the one cookie a login's answer sets, or null.</summary>
    public static string? CookieOf(string? setCookie)
    {
        if (setCookie is null)
        {
            return null;
        }

        var end = setCookie.IndexOf(';', StringComparison.Ordinal);
        return end < 0 ? setCookie : setCookie.Substring(0, end);
    }
}
