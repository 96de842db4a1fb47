using PushChat.PostgreSql;
using PushChat.Tests.Accounts;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.PostgreSql;

/// <summary>The user store contract kept by <see cref="PostgresUserStore"/>, as the file store keeps it, each test in a new database.</summary>
[TestClass]
public sealed class PostgresUserStoreTests
{
    private const string Hash = "pbkdf2-sha256$1000$c2FsdA==$aGFzaA==";

    private string _connectionString = string.Empty;
    private readonly List<PostgresUserStore> _stores = [];

    [TestInitialize]
    public void CreateDatabase() => _connectionString = PostgresServer.Shared.CreateDatabase();

    [TestCleanup]
    public async Task DisposeStores()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Accounts_are_kept_with_every_field_and_seen_by_another_store_of_the_database()
    {
        var store = Open();
        Assert.IsTrue(await store.CreateAsync(new UserAccount("Dora", Hash, ChatRole.Admin, "#aa3300"), default));
        Assert.IsTrue(await store.CreateAsync(new UserAccount("zoë \"THE\" \\ ONE", Hash, ChatRole.User, null), default));

        var other = Open();
        var dora = await other.FindAsync("dora", default);
        var zoe = await other.FindAsync("ZOË \"the\" \\ one", default);

        Assert.IsNotNull(dora);
        Assert.AreEqual(new UserAccount("Dora", Hash, ChatRole.Admin, "#aa3300"), dora);
        Assert.AreEqual(new UserAccount("zoë \"THE\" \\ ONE", Hash, ChatRole.User, null), zoe);
        Assert.IsNull(await other.FindAsync("nobody", default));
    }

    [TestMethod]
    public async Task Names_match_regardless_of_case_and_compatibility_forms()
    {
        var store = Open();
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));

        Assert.IsFalse(await store.CreateAsync(new UserAccount("Dora", Hash, ChatRole.User, null), default));
        Assert.IsFalse(await store.CreateAsync(new UserAccount("ｄｏｒａ", Hash, ChatRole.User, null), default), "full-width letters are the same name");
        Assert.AreEqual("dora", (await store.FindAsync("ＤＯＲＡ", default))?.Name);
        var nobody = new UserAccount("nobody", Hash, ChatRole.User, null);
        Assert.IsFalse(await store.UpdateAsync(nobody, nobody, default));
        Assert.IsNull(await store.FindAsync("nobody", default));
    }

    [TestMethod]
    public async Task A_look_alike_finds_the_account_and_cannot_be_registered_beside_it()
    {
        var store = Open();
        Assert.IsTrue(await store.CreateAsync(new UserAccount("alice", Hash, ChatRole.User, null), default));
        var alice = (await store.FindAsync("alice", default))!;
        Assert.IsTrue(await store.UpdateAsync(alice, new UserAccount("Alice", Hash.Replace("1000", "3000", StringComparison.Ordinal), ChatRole.User, null), default));

        Assert.IsFalse(await store.CreateAsync(new UserAccount("\u0430lice", Hash, ChatRole.User, null), default), "Cyrillic а");
        var found = await Open().FindAsync("\u0430lice", default);

        Assert.IsNotNull(found);
        Assert.AreEqual("Alice", found.Name);
        StringAssert.StartsWith(found.PasswordHash, "pbkdf2-sha256$3000$", "the look-alike finds the account as it is now");
    }

    [TestMethod]
    public async Task An_update_applies_only_to_the_account_as_the_caller_read_it()
    {
        var store = Open();
        var ann = new UserAccount("ann", Hash, ChatRole.User, null);
        Assert.IsTrue(await store.CreateAsync(ann, default));
        var admin = ann.WithRole(ChatRole.Admin);
        Assert.IsTrue(await store.UpdateAsync(ann, admin, default));

        var colored = new UserAccount("ann", Hash, ChatRole.User, "#112233");
        Assert.IsFalse(await store.UpdateAsync(ann, colored, default), "read before the role changed: refused");
        Assert.AreEqual(admin, await store.FindAsync("ann", default));

        var recolored = new UserAccount("ann", Hash, ChatRole.Admin, "#112233");
        Assert.IsTrue(await store.UpdateAsync(admin, recolored, default));
        Assert.IsFalse(await store.UpdateAsync(admin, admin, default), "a colour of null is not the colour set");
        Assert.IsTrue(await store.UpdateAsync(recolored, admin, default), "back to no colour");
        Assert.AreEqual(admin, await store.FindAsync("ANN", default));
        await Assert.ThrowsExactlyAsync<ArgumentException>(async () => await store.UpdateAsync(admin, new UserAccount("bob", Hash, ChatRole.Admin, null), default));
    }

    [TestMethod]
    public async Task Concurrent_changes_of_one_account_let_exactly_one_win()
    {
        var ann = new UserAccount("ann", Hash, ChatRole.User, null);
        Assert.IsTrue(await Open().CreateAsync(ann, default));
        var stores = Enumerable.Range(0, 4).Select(_ => Open()).ToArray();

        var won = await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
            await store.UpdateAsync(ann, new UserAccount("ann", Hash, ChatRole.User, $"#00000{i}"), default))));

        Assert.AreEqual(1, won.Count(w => w));
        Assert.AreEqual($"#00000{Array.IndexOf(won, true)}", (await Open().FindAsync("ann", default))?.Color);
    }

    [TestMethod]
    public async Task Concurrent_creates_are_all_kept_and_a_name_is_taken_once()
    {
        var store = Open();
        var names = Enumerable.Range(0, 20).Select(i => $"user{i}").ToArray();

        var created = await Task.WhenAll(names.Concat(["same", "SAME", "Same"])
            .Select(name => Task.Run(async () => await store.CreateAsync(new UserAccount(name, Hash, ChatRole.User, null), default))));

        Assert.IsTrue(created.Take(names.Length).All(ok => ok));
        Assert.AreEqual(1, created.Skip(names.Length).Count(ok => ok), "one of the three spellings won");
        foreach (var name in names)
        {
            Assert.IsNotNull(await Open().FindAsync(name, default), name);
        }
    }

    [TestMethod]
    public async Task An_account_registered_on_one_server_logs_in_on_another_server_of_the_database()
    {
        await using var first = await ChatTestServer.StartAsync(o => o.UserStore = Open());
        await using var second = await ChatTestServer.StartAsync(o => o.UserStore = Open());

        AccountForms.SessionOf(await first.RegisterAsync("ann", "correct horse"));

        Assert.AreEqual(403, (await second.TryLoginAsync("ann", "wrong")).Status);
        AccountForms.SessionOf(await second.TryLoginAsync("ANN", "correct horse"));
        Assert.AreNotEqual(303, (await second.RegisterAsync("Ann", "other password")).Status, "the name is taken on every server");
    }

    private PostgresUserStore Open()
    {
        var store = new PostgresUserStore(_connectionString);
        _stores.Add(store);
        return store;
    }
}
