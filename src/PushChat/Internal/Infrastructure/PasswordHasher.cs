using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace PushChat.Internal.Infrastructure;

/// <summary>PBKDF2-SHA256 password hashes in the form <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
internal static class PasswordHasher
{
    public const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>
    /// The current work factor: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. Raising it
    /// upgrades every stored hash at its owner's next login (<see cref="NeedsRehash"/>).
    /// </summary>
    public const int Iterations = 600_000;

    private static readonly Lazy<string> Dummy = new(() => Format(Iterations, RandomBytes(SaltBytes), RandomBytes(HashBytes)));

    /// <summary>
    /// A hash in the form of a real one but of no password, checked when a name has no
    /// account so that the answer takes as long as a wrong password for a real one. Random bytes
    /// rather than the hash of some password: building it costs nothing, so even the first
    /// unknown name takes no longer than the rest.
    /// </summary>
    public static string DummyHash => Dummy.Value;

    public static string Hash(string password)
    {
        if (password is null)
        {
            throw new ArgumentNullException(nameof(password));
        }

        var salt = RandomBytes(SaltBytes);
        return Format(Iterations, salt, Derive(password, salt, Iterations));
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations <= 0)
        {
            return false;
        }

        byte[] salt;
        byte[] expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return FixedTimeEquals(Derive(password ?? string.Empty, salt, iterations), expected);
    }

    /// <summary>
    /// Whether a hash that just verified should be replaced by one made now: another scheme, or
    /// fewer iterations than the current work factor. Only the scheme and the count are read; a
    /// hash that does not verify is never replaced.
    /// </summary>
    public static bool NeedsRehash(string stored)
    {
        var parts = stored.Split('$');
        return parts[0] != Scheme
            || parts.Length < 2
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations < Iterations;
    }

    private static string Format(int iterations, byte[] salt, byte[] hash) =>
        string.Join("$", Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));

    private static byte[] Derive(string password, byte[] salt, int iterations)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
#if NET
        return Rfc2898DeriveBytes.Pbkdf2(bytes, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
#else
        return Pbkdf2Sha256.Derive(bytes, salt, iterations, HashBytes);
#endif
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
#if NET
        RandomNumberGenerator.Fill(bytes);
#else
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(bytes);
#endif
        return bytes;
    }

    // Not inlined or optimised, as the framework's own CryptographicOperations.FixedTimeEquals:
    // the JIT must not turn the loop below into one that stops at the first difference.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private static bool FixedTimeEquals(byte[] a, byte[] b)
    {
#if NET
        return CryptographicOperations.FixedTimeEquals(a, b);
#else
        // netstandard2.0 lacks CryptographicOperations: compare every byte whatever the first difference.
        if (a.Length != b.Length)
        {
            return false;
        }

        var diff = 0;
        for (var i = 0; i < a.Length; i++)
        {
            diff |= a[i] ^ b[i];
        }

        return diff == 0;
#endif
    }
}
