using System;
using System.Security.Cryptography;

namespace PushChat.Internal.Infrastructure;

/// <summary>Session ids: 128 bits from a CSPRNG, base64url without padding (22 characters).</summary>
internal static class SessionIds
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    public static string New()
    {
        var bytes = new byte[16];
        lock (Random)
        {
            Random.GetBytes(bytes);
        }

        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
