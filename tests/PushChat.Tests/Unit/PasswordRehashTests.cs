using System.Globalization;
using System.Net;
using System.Text;
using PushChat.Authentication;
using PushChat.Internal.Infrastructure;
using PushChat.Tests.Users;
using PushChat.Users;

namespace PushChat.Tests.Unit;

/// <summary>A hash made with an older, lower work factor is replaced at the next successful login.</summary>
[TestClass]
public sealed class PasswordRehashTests
{
    private static readonly IPEndPoint Remote = new(IPAddress.Loopback, 50000);

    [TestMethod]
    public async Task A_low_iteration_hash_is_upgraded_at_the_next_successful_login()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(new UserAccount("dora", LowIterationHash("right", 1000), ChatRole.Admin, "#112233"), default);
        var authenticator = new UserStoreAuthenticator(users, allowGuests: false);

        var wrong = await authenticator.AuthenticateAsync(new AuthenticationContext("dora", "wrong", Remote), default);
        Assert.IsFalse(wrong.Succeeded);
        StringAssert.StartsWith((await users.FindAsync("dora", default))!.PasswordHash, "pbkdf2-sha256$1000$", "a wrong password changes nothing");

        var right = await authenticator.AuthenticateAsync(new AuthenticationContext("dora", "right", Remote), default);

        Assert.IsTrue(right.Succeeded);
        var upgraded = (await users.FindAsync("dora", default))!;
        StringAssert.StartsWith(upgraded.PasswordHash, "pbkdf2-sha256$600000$");
        Assert.IsTrue(upgraded.VerifyPassword("right"));
        Assert.AreEqual(ChatRole.Admin, upgraded.Role);
        Assert.AreEqual("#112233", upgraded.Color);
    }

    [TestMethod]
    public async Task A_hash_at_the_current_work_factor_is_left_alone()
    {
        var users = new CountingStore();
        await users.CreateAsync(UserAccount.Create("dora", "right"), default);
        var authenticator = new UserStoreAuthenticator(users, allowGuests: false);

        Assert.IsTrue((await authenticator.AuthenticateAsync(new AuthenticationContext("dora", "right", Remote), default)).Succeeded);

        Assert.AreEqual(0, users.Updates);
    }

    [TestMethod]
    public async Task A_store_that_fails_to_save_the_upgrade_does_not_refuse_the_login()
    {
        var users = new CountingStore { FailUpdates = true };
        await users.CreateAsync(new UserAccount("dora", LowIterationHash("right", 1000), ChatRole.User, null), default);
        var authenticator = new UserStoreAuthenticator(users, allowGuests: false);

        var result = await authenticator.AuthenticateAsync(new AuthenticationContext("dora", "right", Remote), default);

        Assert.IsTrue(result.Succeeded);
        Assert.AreEqual(1, users.Updates);
    }

    [TestMethod]
    public async Task A_password_changed_while_the_old_hash_is_upgraded_is_not_undone()
    {
        var users = new InterleavingUserStore();
        await users.CreateAsync(new UserAccount("dora", LowIterationHash("right", 1000), ChatRole.User, null), default);
        var authenticator = new UserStoreAuthenticator(users, allowGuests: false);

        // The change lands after the login checked the old hash and before its upgrade is stored.
        users.BeforeNextUpdate(async inner =>
        {
            var dora = (await inner.FindAsync("dora", default))!;
            Assert.IsTrue(await inner.UpdateAsync(dora, dora.WithPasswordHash(LowIterationHash("changed", 1000)), default));
        });
        var login = await authenticator.AuthenticateAsync(new AuthenticationContext("dora", "right", Remote), default);

        Assert.IsTrue(login.Succeeded, "the password was right when it was checked");
        var stored = (await users.FindAsync("dora", default))!;
        Assert.IsTrue(stored.VerifyPassword("changed"), "the password change stands");
        Assert.IsFalse(stored.VerifyPassword("right"), "the upgrade brought the old password back");
    }

    [TestMethod]
    [DataRow("pbkdf2-sha256$1000$AAAA$AAAA", true)]
    [DataRow("pbkdf2-sha256$599999$AAAA$AAAA", true)]
    [DataRow("pbkdf2-sha256$600000$AAAA$AAAA", false)]
    [DataRow("pbkdf2-sha256$900000$AAAA$AAAA", false)]
    [DataRow("pbkdf2-sha1$900000$AAAA$AAAA", true)]
    public void Hashes_below_the_current_scheme_or_work_factor_need_rehashing(string stored, bool expected) =>
        Assert.AreEqual(expected, PasswordHasher.NeedsRehash(stored));

    private static string LowIterationHash(string password, int iterations)
    {
        var salt = new byte[16];
        Random.Shared.NextBytes(salt);
        var hash = Pbkdf2Sha256.Derive(Encoding.UTF8.GetBytes(password), salt, iterations, 32);
        return string.Join("$", "pbkdf2-sha256", iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    private sealed class CountingStore : IUserStore
    {
        private readonly InMemoryUserStore _inner = new();
        private int _updates;

        public bool FailUpdates { get; init; }

        public int Updates => Volatile.Read(ref _updates);

        public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) => _inner.FindAsync(name, cancellationToken);

        public ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken) => _inner.CreateAsync(account, cancellationToken);

        public ValueTask<bool> UpdateAsync(UserAccount expected, UserAccount updated, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _updates);
            return FailUpdates ? throw new IOException("disk full") : _inner.UpdateAsync(expected, updated, cancellationToken);
        }
    }
}
