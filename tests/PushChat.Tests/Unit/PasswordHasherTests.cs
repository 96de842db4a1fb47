using System.Globalization;
using System.Text;
using PushChat.Internal.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class PasswordHasherTests
{
    [TestMethod]
    public void A_stored_hash_is_the_hand_written_derivation_so_both_targets_read_each_others_hashes()
    {
        var parts = UserAccount.Create("dora", "pa55 wörd").PasswordHash.Split('$');

        var derived = Pbkdf2Sha256.Derive(Encoding.UTF8.GetBytes("pa55 wörd"), Convert.FromBase64String(parts[2]), int.Parse(parts[1], CultureInfo.InvariantCulture), 32);

        Assert.AreEqual(parts[3], Convert.ToBase64String(derived));
    }
}
