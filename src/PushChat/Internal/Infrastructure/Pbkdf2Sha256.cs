using System;
using System.Security.Cryptography;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// PBKDF2 with HMAC-SHA256 written out (RFC 8018 §5.2), for netstandard2.0, whose
/// <see cref="Rfc2898DeriveBytes"/> offers only SHA-1. Compiled on every target so it can be
/// tested against the framework's implementation.
/// </summary>
internal static class Pbkdf2Sha256
{
    private const int BlockBytes = 32;

    public static byte[] Derive(byte[] password, byte[] salt, int iterations, int length)
    {
        if (iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), "PBKDF2 needs at least one iteration.");
        }

        if (length < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "PBKDF2 derives at least one byte.");
        }

        using var hmac = new HMACSHA256(password);
        var key = new byte[length];
        var saltAndIndex = new byte[salt.Length + 4];
        Buffer.BlockCopy(salt, 0, saltAndIndex, 0, salt.Length);

        // T_i = F(P, S, c, i) for i = 1..ceil(dkLen / hLen); the last block is truncated.
        var index = 0u;
        for (var offset = 0; offset < length; offset += BlockBytes)
        {
            index++;

            // INT(i): the block index as four bytes, most significant first.
            saltAndIndex[salt.Length] = (byte)(index >> 24);
            saltAndIndex[salt.Length + 1] = (byte)(index >> 16);
            saltAndIndex[salt.Length + 2] = (byte)(index >> 8);
            saltAndIndex[salt.Length + 3] = (byte)index;

            var u = hmac.ComputeHash(saltAndIndex);
            var block = (byte[])u.Clone();
            for (var i = 1; i < iterations; i++)
            {
                u = hmac.ComputeHash(u);
                for (var j = 0; j < BlockBytes; j++)
                {
                    block[j] ^= u[j];
                }
            }

            Buffer.BlockCopy(block, 0, key, offset, Math.Min(BlockBytes, length - offset));
        }

        return key;
    }
}
