using PushChat.Internal.Chat.State;
using PushChat.Users;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class UserAccountTests
{
    [TestMethod]
    public void A_password_is_stored_only_as_a_salted_hash_and_verifies()
    {
        var first = UserAccount.Create("dora", "pa55 wörd");
        var second = UserAccount.Create("dora", "pa55 wörd");

        Assert.IsFalse(first.PasswordHash.Contains("pa55", StringComparison.Ordinal));
        StringAssert.StartsWith(first.PasswordHash, "pbkdf2-sha256$600000$");
        Assert.AreNotEqual(first.PasswordHash, second.PasswordHash, "each hash has its own salt");
        Assert.IsTrue(first.VerifyPassword("pa55 wörd"));
        Assert.IsFalse(first.VerifyPassword("pa55 word"));
        Assert.IsFalse(first.WithPassword("new one").VerifyPassword("pa55 wörd"));
    }

    [TestMethod]
    [DataRow("broken")]
    [DataRow("pbkdf2-sha256$x$AAAA$AAAA")]
    [DataRow("pbkdf2-sha256$1000$not base64!$AAAA")]
    public void A_malformed_stored_hash_never_verifies(string stored) =>
        Assert.IsFalse(new UserAccount("dora", stored, ChatRole.User, null).VerifyPassword("anything"));

    [TestMethod]
    public async Task The_in_memory_store_matches_names_without_regard_to_case()
    {
        var store = new InMemoryUserStore();

        Assert.IsTrue(await store.CreateAsync(UserAccount.Create("Dora", "x"), default));
        Assert.IsFalse(await store.CreateAsync(UserAccount.Create("DORA", "y"), default));
        Assert.AreEqual("Dora", (await store.FindAsync("dora", default))!.Name);
        var dora = (await store.FindAsync("dora", default))!;
        Assert.IsTrue(await store.UpdateAsync(dora, dora.WithRole(ChatRole.Admin), default));
        Assert.AreEqual(ChatRole.Admin, (await store.FindAsync("DORA", default))!.Role);
        Assert.IsFalse(await store.UpdateAsync(dora, dora.WithRole(ChatRole.User), default), "dora changed since it was read");
        var nobody = UserAccount.Create("nobody", "z");
        Assert.IsFalse(await store.UpdateAsync(nobody, nobody, default));
    }

    [TestMethod]
    [DataRow("alice", null)]
    [DataRow("Mary Ann", null)]
    [DataRow("小明", null)]
    [DataRow("o.k_fine-1", null)]
    [DataRow("two  spaces", "two separators")]
    [DataRow("trailing.", "end with a letter")]
    [DataRow("bidi\u202Eevil", "invisible")]
    [DataRow("zero\u200Bwidth", "invisible")]
    [DataRow("tab\there", "invisible")]
    [DataRow("emoji😀", "only letters")]
    [DataRow("angle<", "only letters")]
    public void Name_rules(string name, string? refusal)
    {
        var error = UserNameRules.Check(UserNameRules.Normalize(name), 24)?.ToString();

        if (refusal is null)
        {
            Assert.IsNull(error);
        }
        else
        {
            StringAssert.Contains(error, refusal);
        }
    }
}
