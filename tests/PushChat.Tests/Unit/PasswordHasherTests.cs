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

    [TestMethod]
    public void The_dummy_hash_is_made_once_in_the_form_of_a_real_hash()
    {
        var real = UserAccount.Create("dora", string.Empty).PasswordHash.Split('$');
        var first = PasswordHasher.DummyHash;
        var dummy = PasswordHasher.DummyHash.Split('$');

        Assert.AreSame(first, PasswordHasher.DummyHash);
        Assert.AreEqual(real[0], dummy[0]);
        Assert.AreEqual(real[1], dummy[1], "the same iteration count, so checking it takes as long");
        Assert.AreEqual(Convert.FromBase64String(real[2]).Length, Convert.FromBase64String(dummy[2]).Length);
        Assert.AreEqual(Convert.FromBase64String(real[3]).Length, Convert.FromBase64String(dummy[3]).Length);
        Assert.IsFalse(PasswordHasher.Verify(string.Empty, PasswordHasher.DummyHash));
    }
}
