using System.Runtime.CompilerServices;
using System.Text;
#if NET
using System.Security.Cryptography;
#endif

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// Checks a session token a client presents against the session's secret in constant time, so
/// the time taken tells neither how much of a guess was right nor whether the session exists.
/// </summary>
internal static class SessionTokens
{
    // Compared against when there is no session, so that an unknown session costs what a wrong token does.
    private static readonly byte[] Nothing = Encoding.UTF8.GetBytes(new string('-', 22));

    /// <summary>Whether <paramref name="presented"/> is <paramref name="secret"/>; false for no secret or an empty one.</summary>
    public static bool Match(string presented, string? secret)
    {
        var expected = string.IsNullOrEmpty(secret) ? Nothing : Encoding.UTF8.GetBytes(secret);
        var equal = FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
        return equal && !string.IsNullOrEmpty(secret);
    }

    // The length is no secret (every secret has 22 characters), so a different length may answer at once.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private static bool FixedTimeEquals(byte[] presented, byte[] expected)
    {
#if NET
        return CryptographicOperations.FixedTimeEquals(presented, expected);
#else
        // netstandard2.0 lacks CryptographicOperations: compare every byte whatever the first difference.
        if (presented.Length != expected.Length)
        {
            return false;
        }

        var diff = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            diff |= presented[i] ^ expected[i];
        }

        return diff == 0;
#endif
    }
}
