using System.Text;
using PushChat.Users;

namespace PushChat.Tests.Users;

[TestClass]
public sealed class FileUserStoreTests
{
    // A stored hash needs only the right form here: these tests never check a password.
    private const string Hash = "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private string _folder = null!;

    private string FilePath => Path.Combine(_folder, "users.json");

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("pushchat-users-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public async Task Accounts_survive_reopening_with_every_field()
    {
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.Admin, "#aa3300"), default));
        Assert.IsTrue(await store.CreateAsync(new UserAccount("Zoë \"the\" \\ one", Hash, ChatRole.User, null), default));
        var read = (await store.FindAsync("dora", default))!;
        Assert.IsTrue(await store.UpdateAsync(read, new UserAccount("DORA", Hash.Replace("1000", "2000", StringComparison.Ordinal), ChatRole.Admin, "#aa3300"), default));
        Assert.IsFalse(await store.UpdateAsync(read, read.WithRole(ChatRole.User), default), "dora changed since it was read");

        var reopened = FileUserStore.Open(FilePath);

        Assert.AreEqual(2, reopened.Count);
        var dora = await reopened.FindAsync("dora", default);
        Assert.IsNotNull(dora);
        Assert.AreEqual("DORA", dora.Name);
        StringAssert.StartsWith(dora.PasswordHash, "pbkdf2-sha256$2000$");
        Assert.AreEqual(ChatRole.Admin, dora.Role);
        Assert.AreEqual("#aa3300", dora.Color);
        var zoe = await reopened.FindAsync("zoë \"THE\" \\ ONE", default);
        Assert.IsNotNull(zoe);
        Assert.AreEqual(ChatRole.User, zoe.Role);
        Assert.IsNull(zoe.Color);
    }

    [TestMethod]
    public async Task A_look_alike_finds_the_account_and_cannot_be_registered_beside_it()
    {
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("alice", Hash, ChatRole.User, null), default));
        var alice = (await store.FindAsync("alice", default))!;
        Assert.IsTrue(await store.UpdateAsync(alice, new UserAccount("Alice", Hash.Replace("1000", "3000", StringComparison.Ordinal), ChatRole.User, null), default));

        Assert.IsFalse(await store.CreateAsync(new UserAccount("\u0430lice", Hash, ChatRole.User, null), default), "Cyrillic а");
        var found = await FileUserStore.Open(FilePath).FindAsync("\u0430lice", default);

        Assert.IsNotNull(found);
        StringAssert.StartsWith(found.PasswordHash, "pbkdf2-sha256$3000$", "the look-alike finds the account as it is now");
    }

    [TestMethod]
    public async Task Names_match_regardless_of_case_and_compatibility_forms()
    {
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));

        Assert.IsFalse(await store.CreateAsync(new UserAccount("Dora", Hash, ChatRole.User, null), default));
        Assert.IsFalse(await store.CreateAsync(new UserAccount("ｄｏｒａ", Hash, ChatRole.User, null), default), "full-width letters are the same name");
        Assert.AreEqual("dora", (await store.FindAsync("ＤＯＲＡ", default))?.Name);
        var nobody = new UserAccount("nobody", Hash, ChatRole.User, null);
        Assert.IsFalse(await store.UpdateAsync(nobody, nobody, default));
        Assert.AreEqual(1, FileUserStore.Open(FilePath).Count);
    }

    [TestMethod]
    public async Task A_crash_between_writing_and_renaming_the_file_loses_nothing_acknowledged()
    {
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));
        var acknowledged = await File.ReadAllBytesAsync(FilePath);
        var crashing = FileUserStore.Open(FilePath, logger: null, new FileUserStoreHooks { BeforeRename = () => throw new IOException("power cut"), MinimumJournalBytes = 0 });

        // Once the journal outgrows the file it is folded into it, and that crashes before the rename.
        var created = 0;
        while (!File.Exists(FilePath + ".tmp"))
        {
            Assert.IsTrue(created < 10, "the journal was never folded");
            Assert.IsTrue(await crashing.CreateAsync(new UserAccount($"zoe{created++}", Hash, ChatRole.User, null), default), "acknowledged once in the journal; folding is tried again later");
        }

        Assert.IsNotNull(await crashing.FindAsync($"zoe{created - 1}", default));
        CollectionAssert.AreEqual(acknowledged, await File.ReadAllBytesAsync(FilePath));
        StringAssert.Contains(await File.ReadAllTextAsync(FilePath + ".tmp"), $"zoe{created - 1}", "the crash left the written temporary file behind");
        var reopened = FileUserStore.Open(FilePath);
        Assert.AreEqual(1 + created, reopened.Count);
        Assert.IsNotNull(await reopened.FindAsync("dora", default));
        Assert.IsNotNull(await reopened.FindAsync($"zoe{created - 1}", default));
        Assert.IsFalse(File.Exists(FilePath + ".tmp"), "the temporary file was cleaned up");
        Assert.IsFalse(File.Exists(FilePath + ".journal"), "the journal was folded into the file");
        StringAssert.Contains(await File.ReadAllTextAsync(FilePath), $"zoe{created - 1}");
    }

    [TestMethod]
    public async Task A_change_that_fails_while_its_journal_line_is_written_is_not_kept_and_leaves_the_journal_readable()
    {
        var fail = false;
        var store = FileUserStore.Open(FilePath, logger: null, new FileUserStoreHooks { BeforeJournalFlush = () => { if (fail) throw new IOException("disk full"); } });
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));
        Assert.IsTrue(await store.CreateAsync(new UserAccount("ann", Hash, ChatRole.User, null), default));

        fail = true;
        await Assert.ThrowsAsync<IOException>(async () => await store.CreateAsync(new UserAccount("zoe", Hash, ChatRole.User, null), default));
        fail = false;
        Assert.IsNull(await store.FindAsync("zoe", default), "a change that failed is not visible");
        Assert.IsTrue(await store.CreateAsync(new UserAccount("eve", Hash, ChatRole.User, null), default));

        var reopened = FileUserStore.Open(FilePath);
        Assert.AreEqual(3, reopened.Count);
        Assert.IsNull(await reopened.FindAsync("zoe", default));
        Assert.IsNotNull(await reopened.FindAsync("eve", default));
    }

    [TestMethod]
    public async Task A_corrupt_file_is_refused_with_its_place_and_never_overwritten()
    {
        const string Corrupt = "{\n  \"version\": 1,\n  \"accounts\": [\n    { \"name\": \"dora\" \"passwordHash\": \"x\" }\n  ]\n}\n";
        await File.WriteAllTextAsync(FilePath, Corrupt);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => FileUserStore.Open(FilePath));

        StringAssert.Contains(error.Message, FilePath);
        StringAssert.Contains(error.Message, "line 4, position 22");
        StringAssert.Contains(error.Message, "left unchanged");
        Assert.AreEqual(Corrupt, await File.ReadAllTextAsync(FilePath));
    }

    [TestMethod]
    public async Task A_file_that_is_not_utf8_is_refused_and_kept()
    {
        byte[] bytes = [0x7B, 0xFF, 0xFE, 0x7D];
        await File.WriteAllBytesAsync(FilePath, bytes);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => FileUserStore.Open(FilePath));

        StringAssert.Contains(error.Message, "UTF-8");
        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(FilePath));
    }

    [TestMethod]
    public async Task Concurrent_creates_are_all_kept_and_a_name_is_taken_once()
    {
        var store = FileUserStore.Open(FilePath);
        var names = Enumerable.Range(0, 40).Select(i => $"user{i}").ToArray();

        var created = await Task.WhenAll(names.Concat(["same", "SAME", "Same"])
            .Select(name => Task.Run(async () => await store.CreateAsync(new UserAccount(name, Hash, ChatRole.User, null), default))));

        Assert.IsTrue(created.Take(names.Length).All(ok => ok));
        Assert.AreEqual(1, created.Skip(names.Length).Count(ok => ok), "one of the three spellings won");
        var reopened = FileUserStore.Open(FilePath);
        Assert.AreEqual(names.Length + 1, reopened.Count);
        foreach (var name in names)
        {
            Assert.IsNotNull(await reopened.FindAsync(name, default), name);
        }
    }

    [TestMethod]
    public async Task A_login_through_the_server_upgrades_an_old_hash_in_the_file()
    {
        var salt = new byte[16];
        var derived = PushChat.Internal.Infrastructure.Pbkdf2Sha256.Derive(Encoding.UTF8.GetBytes("right"), salt, 1000, 32);
        var oldHash = $"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(derived)}";
        await FileUserStore.Open(FilePath).CreateAsync(new UserAccount("dora", oldHash, ChatRole.User, null), default);
        var store = FileUserStore.Open(FilePath);
        await using var chat = await Infrastructure.ChatTestServer.StartAsync(options => options.UserStore = store);

        await chat.LoginAsync("dora", "right");

        var upgraded = (await FileUserStore.Open(FilePath).FindAsync("dora", default))!;
        StringAssert.StartsWith(upgraded.PasswordHash, "pbkdf2-sha256$600000$");
        Assert.IsTrue(upgraded.VerifyPassword("right"));
    }

    [TestMethod]
    public async Task The_file_is_readable_json_without_passwords_and_starts_in_a_new_folder()
    {
        var path = Path.Combine(_folder, "nested", "users.json");
        var store = FileUserStore.Open(path);
        Assert.IsFalse(File.Exists(path), "nothing is written before the first change");

        await store.CreateAsync(UserAccount.Create("dora", "s3cret pass"), default);

        var text = await File.ReadAllTextAsync(path, Encoding.UTF8);
        Assert.IsFalse(text.Contains("s3cret", StringComparison.Ordinal));
        using var json = System.Text.Json.JsonDocument.Parse(text);
        Assert.AreEqual(1, json.RootElement.GetProperty("version").GetInt32());
        Assert.AreEqual("dora", json.RootElement.GetProperty("accounts")[0].GetProperty("name").GetString());
    }
}
