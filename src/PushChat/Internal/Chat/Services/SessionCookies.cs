using System;
using System.Runtime.CompilerServices;
using PushChat.Internal.Chat.State;
#if NET
using System.Runtime.InteropServices;
#endif
using System.Security.Cryptography;
using System.Text;
using PushChat.Internal.Http;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// Binds each session to the browser that logged in: the login's answer sets a cookie holding
/// the session's <see cref="ChatSession.BrowserSecret"/>, and a request of the session counts
/// only when it carries that cookie, so the session id in a link is not enough to act as the user.
/// </summary>
/// <remarks>
/// Each session has a cookie of its own, so one browser keeps several sessions; its name comes
/// from a hash of the session id, so it is stable for the session without showing the id. With
/// HTTPS (TLS here, or at a trusted proxy that says so in <c>X-Forwarded-Proto</c>) the cookie is
/// <c>Secure</c> and its name starts with <c>__Host-</c> (RFC 6265bis §4.1.3.2): browsers then
/// accept it only from this host over HTTPS, so a sibling subdomain or a plain-HTTP page cannot
/// plant one. The name follows each request's scheme, so a cookie set over HTTPS is looked for
/// under its <c>__Host-</c> name.
/// </remarks>
internal sealed class SessionCookies
{
    private const string Prefix = "pushchat-";
    private const string HostOnlyPrefix = "__Host-";

    // 128 bits of the hash (22 base64url characters): no two sessions of one browser share a name.
    private const int HashBytes = 16;

    private static readonly byte[] NameLabel = Encoding.UTF8.GetBytes("PushChat session cookie name\n");

    private readonly bool _alwaysSecure;

    /// <summary>Session cookies; <paramref name="secure"/> when the server itself speaks TLS, so every request came over HTTPS.</summary>
    public SessionCookies(bool required, bool secure)
    {
        Required = required;
        _alwaysSecure = secure;
    }

    /// <summary>Whether requests must carry the cookie; when not, no cookie is set or checked.</summary>
    public bool Required { get; }

    /// <summary>The name of the session's cookie, as the server's own scheme gives it.</summary>
    public string NameOf(string sessionId) => NameOf(sessionId, _alwaysSecure);

    /// <summary>The name of the session's cookie for a request that came over HTTPS or not.</summary>
    public static string NameOf(string sessionId, bool secure)
    {
        var input = new byte[NameLabel.Length + Encoding.UTF8.GetByteCount(sessionId)];
        NameLabel.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(sessionId, 0, sessionId.Length, input, NameLabel.Length);
#if NET
        var hash = SHA256.HashData(input);
#else
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(input);
#endif
        return (secure ? HostOnlyPrefix + Prefix : Prefix) + Convert.ToBase64String(hash, 0, HashBytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Adds the session's cookie to the answer to <paramref name="request"/>, which started the session.</summary>
    public HttpResponse Issue(HttpResponse response, HttpRequest request, ChatSession session)
    {
        var secure = IsSecure(request);
        return Required ? response.With(SetCookieHeader.Name, SetCookieHeader.ForBrowserSession(NameOf(session.Id, secure), session.BrowserSecret, secure)) : response;
    }

    /// <summary>Tells the browser to drop the session's cookie, when the request carries it.</summary>
    public HttpResponse Withdraw(HttpResponse response, HttpRequest request, string? sessionId)
    {
        if (!Required || string.IsNullOrEmpty(sessionId))
        {
            return response;
        }

        var secure = IsSecure(request);
        var name = NameOf(sessionId!, secure);
        return CookieHeader.Has(request.Headers, name) ? response.With(SetCookieHeader.Name, SetCookieHeader.Expired(name, secure)) : response;
    }

    /// <summary>Whether the request comes from the session's browser: it carries the session's cookie with the right secret.</summary>
    public bool Admits(HttpRequest request, ChatSession session)
    {
        if (!Required)
        {
            return true;
        }

        // A session without a secret would admit an empty cookie; it must admit nothing.
        if (session.BrowserSecret.Length == 0)
        {
            return false;
        }

        var admitted = false;
        foreach (var value in CookieHeader.ValuesOf(request.Headers, NameOf(session.Id, IsSecure(request))))
        {
            admitted |= FixedTimeEquals(value, session.BrowserSecret);
        }

        return admitted;
    }

    private bool IsSecure(HttpRequest request) => _alwaysSecure || request.IsHttps;

    // The time taken must not tell how much of a guessed secret was right. The length is no
    // secret (every secret has 22 characters), so a different length may answer at once.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private static bool FixedTimeEquals(string presented, string secret)
    {
        if (presented.Length != secret.Length)
        {
            return false;
        }

#if NET
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(presented.AsSpan()), MemoryMarshal.AsBytes(secret.AsSpan()));
#else
        // netstandard2.0 lacks CryptographicOperations: compare every character whatever the first difference.
        var diff = 0;
        for (var i = 0; i < secret.Length; i++)
        {
            diff |= presented[i] ^ secret[i];
        }

        return diff == 0;
#endif
    }
}
