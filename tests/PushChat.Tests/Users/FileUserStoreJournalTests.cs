using System.Text;
using Microsoft.Extensions.Logging;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Users;

/// <summary>
/// The account file is a snapshot plus an append-only journal: a change appends one line instead
/// of rewriting every account, and the journal is folded into the snapshot now and then.
/// </summary>
[TestClass]
public sealed class FileUserStoreJournalTests
{
    private const string Hash = "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private string _folder = null!;

    private string FilePath => Path.Combine(_folder, "users.json");

    private string JournalPath => FilePath + ".journal";

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("pushchat-journal-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public async Task Registering_two_thousand_accounts_writes_bytes_in_proportion_to_the_accounts()
    {
        const int Accounts = 2000;
        var store = FileUserStore.Open(FilePath);
        long written = 0;
        long snapshot = 0;
        long journal = 0;

        for (var i = 0; i < Accounts; i++)
        {
            Assert.IsTrue(await store.CreateAsync(new UserAccount($"user{i:D5}", Hash, ChatRole.User, null), default));

            // What reached the disk, seen from outside: the journal's growth, and the whole
            // snapshot each time it is rewritten (every rewrite here adds accounts, so changes its size).
            var snapshotNow = SizeOf(FilePath);
            var journalNow = SizeOf(JournalPath);
            written += journalNow >= journal ? journalNow - journal : journalNow;
            written += snapshotNow != snapshot ? snapshotNow : 0;
            (snapshot, journal) = (snapshotNow, journalNow);

            var stored = snapshot + journal;
            Assert.IsTrue(written <= (4 * stored) + 4096, $"after {i + 1} accounts {written:N0} bytes were written to keep {stored:N0}");
        }

        var reopened = FileUserStore.Open(FilePath);
        Assert.AreEqual(Accounts, reopened.Count);
        Assert.IsNotNull(await reopened.FindAsync("user01999", default));
    }

    [TestMethod]
    public async Task A_change_appends_one_line_to_the_journal_and_reopening_replays_it()
    {
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));
        var snapshot = await File.ReadAllBytesAsync(FilePath);

        Assert.IsTrue(await store.CreateAsync(new UserAccount("zoe", Hash, ChatRole.User, "#123456"), default));

        CollectionAssert.AreEqual(snapshot, await File.ReadAllBytesAsync(FilePath), "the snapshot is not rewritten for one account");
        var lines = await File.ReadAllLinesAsync(JournalPath);
        Assert.AreEqual(1, lines.Length);
        StringAssert.Contains(lines[0], "\"zoe\"");
        var zoe = await FileUserStore.Open(FilePath).FindAsync("ZOE", default);
        Assert.AreEqual("#123456", zoe?.Color);
    }

    [TestMethod]
    public async Task A_torn_last_journal_line_from_a_crash_is_dropped_and_the_rest_is_kept()
    {
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));
        Assert.IsTrue(await store.CreateAsync(new UserAccount("zoe", Hash, ChatRole.User, null), default));
        Assert.IsTrue(File.Exists(JournalPath), "the second account went to the journal");
        await File.AppendAllTextAsync(JournalPath, "{ \"name\": \"half\", \"passwo");
        var log = new LogRecorder();

        var reopened = FileUserStore.Open(FilePath, log);

        Assert.AreEqual(2, reopened.Count);
        Assert.IsNotNull(await reopened.FindAsync("zoe", default));
        Assert.IsNull(await reopened.FindAsync("half", default));
        Assert.IsFalse(File.Exists(JournalPath) && (await File.ReadAllTextAsync(JournalPath)).Contains("half", StringComparison.Ordinal), "the torn line is gone");
        var warning = log.Entries.Single(entry => entry.EventId == 85);
        Assert.AreEqual(LogLevel.Warning, warning.Level);
        StringAssert.Contains(warning.Message, JournalPath);
        Assert.IsTrue(await reopened.CreateAsync(new UserAccount("ann", Hash, ChatRole.User, null), default));
        Assert.AreEqual(3, FileUserStore.Open(FilePath).Count, "a change after the torn line reads back");
    }

    [TestMethod]
    public async Task A_damaged_line_before_the_last_stops_the_open_with_its_place_and_nothing_is_changed()
    {
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));
        Assert.IsTrue(await store.CreateAsync(new UserAccount("zoe", Hash, ChatRole.User, null), default));
        Assert.IsTrue(await store.CreateAsync(new UserAccount("ann", Hash, ChatRole.User, null), default));
        var journal = await File.ReadAllTextAsync(JournalPath);
        var damaged = journal.Replace("\"zoe\"", "\"zoe\" x", StringComparison.Ordinal);
        await File.WriteAllTextAsync(JournalPath, damaged);
        var snapshot = await File.ReadAllBytesAsync(FilePath);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => FileUserStore.Open(FilePath));

        StringAssert.Contains(error.Message, JournalPath);
        StringAssert.Contains(error.Message, "line 1, position ");
        StringAssert.Contains(error.Message, "left unchanged");
        Assert.AreEqual(damaged, await File.ReadAllTextAsync(JournalPath));
        CollectionAssert.AreEqual(snapshot, await File.ReadAllBytesAsync(FilePath));
    }

    [TestMethod]
    public async Task An_existing_account_file_opens_unchanged()
    {
        const string Existing = "{\n  \"version\": 1,\n  \"accounts\": [\n    { \"name\": \"dora\", \"passwordHash\": \"" + Hash + "\", \"role\": \"Admin\", \"color\": \"#aa3300\" }\n  ]\n}\n";
        await File.WriteAllTextAsync(FilePath, Existing, new UTF8Encoding(false));

        var store = FileUserStore.Open(FilePath);

        Assert.AreEqual(ChatRole.Admin, (await store.FindAsync("dora", default))?.Role);
        Assert.AreEqual(Existing, await File.ReadAllTextAsync(FilePath));
        Assert.IsFalse(File.Exists(JournalPath));
    }

    [TestMethod]
    public async Task Disposing_folds_the_journal_into_the_file_and_refuses_later_changes()
    {
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));
        Assert.IsTrue(await store.CreateAsync(new UserAccount("zoe", Hash, ChatRole.User, null), default));
        Assert.IsTrue(File.Exists(JournalPath));

        await store.DisposeAsync();

        Assert.IsFalse(File.Exists(JournalPath));
        StringAssert.Contains(await File.ReadAllTextAsync(FilePath), "\"zoe\"");
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.CreateAsync(new UserAccount("ann", Hash, ChatRole.User, null), default));
        Assert.AreEqual(2, FileUserStore.Open(FilePath).Count);
    }

    [TestMethod]
    public async Task Replaying_a_journal_the_file_already_holds_changes_nothing()
    {
        // A crash after the file was renamed and before the journal was deleted leaves both.
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));
        var dora = (await store.FindAsync("dora", default))!;
        Assert.IsTrue(await store.UpdateAsync(dora, dora.WithRole(ChatRole.Admin), default));
        var admin = (await store.FindAsync("dora", default))!;
        Assert.IsTrue(await store.UpdateAsync(admin, admin.WithRole(ChatRole.User), default));
        var journal = await File.ReadAllBytesAsync(JournalPath);
        store.Dispose();
        await File.WriteAllBytesAsync(JournalPath, journal);

        var reopened = FileUserStore.Open(FilePath);

        Assert.AreEqual(2, journal.Count(b => b == '\n'));
        Assert.AreEqual(ChatRole.User, (await reopened.FindAsync("dora", default))?.Role, "the last line of a name wins");
    }

    /// <summary>Damaged journals, the same ones on every run: each opens or is refused with the documented error, and nothing else.</summary>
    [TestMethod]
    public async Task Damaged_journals_open_or_are_refused_with_their_place_and_nothing_else()
    {
        var store = FileUserStore.Open(FilePath);
        Assert.IsTrue(await store.CreateAsync(new UserAccount("dora", Hash, ChatRole.User, null), default));
        foreach (var name in new[] { "zoë", "小明", "a😀b", "ann" })
        {
            Assert.IsTrue(await store.CreateAsync(new UserAccount(name, Hash, ChatRole.Admin, "#123456"), default));
        }

        var snapshot = await File.ReadAllBytesAsync(FilePath);
        var journal = await File.ReadAllBytesAsync(JournalPath);
        byte[] pieces = [(byte)'\n', (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)',', 0, 0xFF, 0xC3, 0xED, 0xA0, 0x80, (byte)'u', (byte)'d'];
        var random = new Random(7);
        for (var i = 0; i < 150; i++)
        {
            var bytes = journal.ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0: bytes.Insert(at, pieces[random.Next(pieces.Length)]); break;
                    case 1: bytes.RemoveAt(at); break;
                    default: bytes[at] = pieces[random.Next(pieces.Length)]; break;
                }
            }

            await File.WriteAllBytesAsync(FilePath, snapshot);
            await File.WriteAllBytesAsync(JournalPath, bytes.ToArray());
            try
            {
                FileUserStore.Open(FilePath).Dispose();
            }
            catch (InvalidDataException ex)
            {
                StringAssert.Contains(ex.Message, JournalPath);
                StringAssert.Contains(ex.Message, "line ");
            }
            catch (Exception ex)
            {
                Assert.Fail($"{ex.GetType().Name} escaped for {Convert.ToHexString(bytes.ToArray())}: {ex.Message}");
            }
        }
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
