using System.Security.Cryptography;
using System.Text;
using PushChat.Internal.Infrastructure;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class Pbkdf2Sha256Tests
{
    // RFC 7914 §11, the PBKDF2-HMAC-SHA256 test vectors; 64 bytes are two SHA-256 blocks.
    [TestMethod]
    [DataRow("passwd", "salt", 1,
        "55 ac 04 6e 56 e3 08 9f ec 16 91 c2 25 44 b6 05 f9 41 85 21 6d de 04 65 e6 8b 9d 57 c2 0d ac bc 49 ca 9c cc f1 79 b6 45 99 16 64 b3 9d 77 ef 31 7c 71 b8 45 b1 e3 0b d5 09 11 20 41 d3 a1 97 83")]
    [DataRow("Password", "NaCl", 80000,
        "4d dc d8 f6 0b 98 be 21 83 0c ee 5e f2 27 01 f9 64 1a 44 18 d0 4c 04 14 ae ff 08 87 6b 34 ab 56 a1 d4 25 a1 22 58 33 54 9a db 84 1b 51 c9 b3 17 6a 27 2b de bb a1 d0 78 47 8f 62 b3 97 f3 3c 8d")]
    public void Derives_the_rfc_7914_vectors(string password, string salt, int iterations, string expected)
    {
        var key = Pbkdf2Sha256.Derive(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), iterations, 64);

        Assert.AreEqual(expected.Replace(" ", string.Empty, StringComparison.Ordinal), Convert.ToHexStringLower(key));
    }

    [TestMethod]
    public void Matches_the_framework_for_any_length_salt_and_key()
    {
        var random = new Random(7914);
        for (var round = 0; round < 200; round++)
        {
            // Passwords longer than the 64-byte HMAC block are hashed first (RFC 2104 §2); lengths
            // around 32 bytes end a derivation on, just before and just after a block boundary.
            var password = new byte[random.Next(0, 100)];
            var salt = new byte[random.Next(0, 40)];
            random.NextBytes(password);
            random.NextBytes(salt);
            var iterations = random.Next(1, 40);
            var length = random.Next(1, 100);

            var expected = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, length);

            CollectionAssert.AreEqual(expected, Pbkdf2Sha256.Derive(password, salt, iterations, length), $"round {round}: {password.Length}-byte password, {salt.Length}-byte salt, {iterations} iterations, {length} bytes");
        }
    }
}
