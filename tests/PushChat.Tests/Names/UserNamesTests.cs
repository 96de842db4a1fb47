using System.Diagnostics;
using PushChat.Users;

namespace PushChat.Tests.Names;

[TestClass]
public sealed class UserNamesTests
{
    [TestMethod]
    [DataRow("alice", "\u0430lice")]
    [DataRow("alice", "alic\u0435")]
    [DataRow("alice", "\uFF41\uFF4C\uFF49\uFF43\uFF45")]
    [DataRow("Alice", "AIice")]
    [DataRow("alice", "a1ice")]
    [DataRow("cope", "\u0441\u043E\u0440\u0435")]
    [DataRow("BOB", "B0B")]
    [DataRow("modern", "rnodern")]
    [DataRow("alice", "alice\uFE02")]
    [DataRow("alice", "ali\u034Fce")]
    [DataRow("alice", "alice\u3164")]
    [DataRow("Zoë", "Zoe\u0308")]
    public void Look_alikes_share_a_skeleton(string name, string fake)
    {
        Assert.AreEqual(UserNames.Skeleton(name), UserNames.Skeleton(fake), fake);
        Assert.IsTrue(UserNames.LookAlike(name, fake), fake);
    }

    [TestMethod]
    [DataRow("alice", "ALICE")]
    [DataRow("ALICE", "alice")]
    public void Names_equal_but_for_case_are_one_name(string name, string other) =>
        Assert.IsTrue(UserNames.LookAlike(name, other), other);

    [TestMethod]
    [DataRow("alice", "alicia")]
    [DataRow("Zoë", "Zoe")]
    [DataRow("ali", "all")]
    [DataRow("Дмитрий", "Дмитрии")]
    [DataRow("王小明", "王小朋")]
    public void Different_names_have_different_skeletons(string name, string other) =>
        Assert.IsFalse(UserNames.LookAlike(name, other), other);

    [TestMethod]
    public void A_skeleton_follows_uts_39()
    {
        // UTS #39 section 4: NFD, each character to its prototype in confusables.txt, NFD again.
        Assert.AreEqual("rn", UserNames.Skeleton("m"));
        Assert.AreEqual("paypal", UserNames.Skeleton("\u0440\u0430\u0443\u0440\u0430l"));
    }

    [TestMethod]
    public void A_skeleton_is_cheap()
    {
        const string name = "Ӑlехаndrа Ѕmіth-Јоnеѕ_24";
        Assert.AreEqual(24, name.Length);
        _ = UserNames.Skeleton(name);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 10_000; i++)
        {
            _ = UserNames.Skeleton(name);
        }

        Assert.IsLessThan(TimeSpan.FromSeconds(2), clock.Elapsed, "10,000 skeletons of a 24-character name");
    }

    [TestMethod]
    public async Task The_in_memory_store_finds_and_refuses_look_alikes()
    {
        var store = new InMemoryUserStore();
        Assert.IsTrue(await store.CreateAsync(UserAccount.Create("cope", "x"), default));

        Assert.AreEqual("cope", (await store.FindAsync("\u0441\u043E\u0440\u0435", default))?.Name);
        Assert.AreEqual("cope", (await store.FindAsync("COPE", default))?.Name);
        Assert.IsFalse(await store.CreateAsync(UserAccount.Create("\u0441\u043E\u0440\u0435", "y"), default));
        Assert.IsFalse(await store.CreateAsync(UserAccount.Create("CoPe", "y"), default));
        Assert.IsNull(await store.FindAsync("copy", default));
        var cope = (await store.FindAsync("cope", default))!;
        Assert.IsTrue(await store.UpdateAsync(cope, cope.WithPassword("z"), default));
        Assert.AreEqual(1, store.Count);
    }
}
