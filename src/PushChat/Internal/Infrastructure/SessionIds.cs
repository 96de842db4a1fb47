using System;
using System.Security.Cryptography;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Session ids and the secrets that bind sessions to their browsers: 128 bits each from a
/// CSPRNG, base64url without padding (22 characters).
/// </summary>
internal static class SessionIds
{
    private const int Bytes = 16;

#if !NET
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();
#endif

    /// <summary>A new session id; it travels in every frame URL.</summary>
    public static string New() => NewToken();

    /// <summary>A new browser secret; it travels only in the session's cookie, never in a URL or a log.</summary>
    public static string NewSecret() => NewToken();

    private static string NewToken()
    {
#if NET
        Span<byte> bytes = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
#else
        var bytes = new byte[Bytes];
        lock (Random)
        {
            Random.GetBytes(bytes);
        }

        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
#endif
    }
}
