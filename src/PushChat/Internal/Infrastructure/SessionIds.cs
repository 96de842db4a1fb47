using System;
using System.Security.Cryptography;

namespace PushChat.Internal.Infrastructure;

/// <summary>Session ids: 128 bits from a CSPRNG, base64url without padding (22 characters).</summary>
internal static class SessionIds
{
#if !NET
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();
#endif

    public static string New()
    {
#if NET
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
#else
        var bytes = new byte[16];
        lock (Random)
        {
            Random.GetBytes(bytes);
        }

        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
#endif
    }
}
