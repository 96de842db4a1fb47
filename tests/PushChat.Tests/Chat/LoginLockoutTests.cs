using Microsoft.Extensions.Logging;
using PushChat.Authentication;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Chat;

/// <summary>Repeated failed logins lock the name for a while, doubling, on the fake clock.</summary>
[TestClass]
public sealed class LoginLockoutTests
{
    private const string Password = "right horse battery";

    [TestMethod]
    public async Task Five_failures_lock_the_name_for_fifteen_minutes_without_further_checks()
    {
        var authenticator = new PasswordAuthenticator();
        await using var chat = await StartAsync(configure: options => options.Authenticator = authenticator);

        for (var i = 1; i <= 4; i++)
        {
            Assert.AreEqual(403, (await LoginAsync(chat, "dora", "wrong")).Status, $"failure {i}");
        }

        var fifth = await LoginAsync(chat, "dora", "wrong");
        var right = await LoginAsync(chat, "dora", Password);

        Assert.AreEqual(429, fifth.Status);
        StringAssert.Contains(fifth.Body, "Too many failed logins for this name; try again in 15 minutes.");
        Assert.AreEqual(429, right.Status, "a lock holds even for the right password");
        Assert.AreEqual(5, authenticator.Calls, "no check runs during a lock");
        Assert.AreEqual(303, (await LoginAsync(chat, "zoe", Password)).Status, "other names are not locked");

        chat.Time.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(1));
        StringAssert.Contains((await LoginAsync(chat, "DORA", Password)).Body, "try again in 1 minute.");
        chat.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual(303, (await LoginAsync(chat, "dora", Password)).Status);
    }

    [TestMethod]
    public async Task Each_further_lock_doubles_and_a_success_forgets_them()
    {
        await using var chat = await StartAsync();
        await FailAsync(chat, "dora", 4);
        Assert.AreEqual(429, (await LoginAsync(chat, "dora", "wrong")).Status);
        chat.Time.Advance(TimeSpan.FromMinutes(15));

        await FailAsync(chat, "Dora", 4);
        var second = await LoginAsync(chat, "DORA", "wrong");

        StringAssert.Contains(second.Body, "try again in 30 minutes.");
        chat.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.AreEqual(429, (await LoginAsync(chat, "dora", Password)).Status);
        chat.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual(303, (await LoginAsync(chat, "dora", Password)).Status);

        await FailAsync(chat, "dora", 4);
        StringAssert.Contains((await LoginAsync(chat, "dora", "wrong")).Body, "try again in 15 minutes.", "the success forgot the earlier locks");
    }

    [TestMethod]
    public async Task Failures_older_than_the_window_and_before_a_success_do_not_count()
    {
        await using var chat = await StartAsync();
        await FailAsync(chat, "dora", 4);
        chat.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await FailAsync(chat, "dora", 4);
        Assert.AreEqual(303, (await LoginAsync(chat, "dora", Password)).Status);
        await FailAsync(chat, "dora", 4);

        Assert.AreEqual(303, (await LoginAsync(chat, "dora", Password)).Status);
    }

    [TestMethod]
    public async Task A_lock_is_logged_as_a_warning_with_counts_and_never_the_password()
    {
        using var log = new LogRecorder();
        await using var chat = await StartAsync(log);

        await FailAsync(chat, "dora", 4);
        await LoginAsync(chat, "dora", "hunter2 guess");

        var warning = log.Entries.Single(entry => entry.EventId == 67);
        Assert.AreEqual(LogLevel.Warning, warning.Level);
        StringAssert.Contains(warning.Message, "dora");
        StringAssert.Contains(warning.Message, "15 minutes after 5 failed attempts");
        Assert.IsFalse(log.Entries.Any(entry => entry.Message.Contains("hunter2", StringComparison.Ordinal) || entry.Message.Contains("wrong", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task A_burst_of_guesses_sent_at_once_cannot_get_in_once_the_lock_started()
    {
        var authenticator = new HeldAuthenticator();
        await using var chat = await StartAsync(configure: options => options.Authenticator = authenticator);
        var wrong = Enumerable.Range(0, 5).Select(_ => LoginAsync(chat, "dora", "wrong")).ToArray();
        var right = LoginAsync(chat, "dora", Password);
        await authenticator.CallsReached(6);

        authenticator.ReleaseWrong();
        var refusals = await Task.WhenAll(wrong);
        authenticator.ReleaseRight();

        Assert.AreEqual(1, refusals.Count(response => response.Status == 429), "the fifth failure started the lock");
        Assert.AreEqual(429, (await right).Status, "the right guess finished its check after the lock started");
    }

    [TestMethod]
    public async Task Look_alike_spellings_count_against_the_account_they_find_and_none_gets_in_while_it_is_locked()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("bob", Password), default);
        await using var chat = await ChatTestServer.StartAsync(options => options.UserStore = users);

        await FailAsync(chat, "bob", 1);
        await FailAsync(chat, "b0b", 1);
        await FailAsync(chat, "B0B", 1);
        await FailAsync(chat, "b0B", 1);
        var fifth = await LoginAsync(chat, "BOB", "wrong");

        Assert.AreEqual(429, fifth.Status, "five failures against one account lock it, whatever their spelling");
        Assert.AreEqual(429, (await LoginAsync(chat, "B0B", Password)).Status, "a look-alike spelling does not get round the lock");
        Assert.AreEqual(429, (await LoginAsync(chat, "bob", Password)).Status);
        Assert.IsEmpty(chat.Server.Engine!.State.Sessions.All());
    }

    [TestMethod]
    public async Task Look_alike_spellings_of_a_name_without_an_account_share_one_count()
    {
        // The host's authenticator keeps no store the server can ask: the typed names' skeletons key the count.
        await using var chat = await StartAsync();

        await FailAsync(chat, "mora", 1);
        await FailAsync(chat, "rnora", 1);
        await FailAsync(chat, "m0ra", 1);
        await FailAsync(chat, "RN0RA", 1);
        var fifth = await LoginAsync(chat, "MORA", "wrong");

        Assert.AreEqual(429, fifth.Status);
        Assert.AreEqual(429, (await LoginAsync(chat, "rnora", Password)).Status);
        Assert.AreEqual(303, (await LoginAsync(chat, "mara", Password)).Status, "a name that only resembles it in part is not locked");
    }

    [TestMethod]
    public async Task Locking_can_be_turned_off()
    {
        await using var chat = await StartAsync(configure: options =>
        {
            options.Limits.MaxLoginFailures = 0;
            options.Limits.MaxLoginsPerAddressPerMinute = 0;
        });

        await FailAsync(chat, "dora", 20);

        Assert.AreEqual(303, (await LoginAsync(chat, "dora", Password)).Status);
    }

    [TestMethod]
    public async Task A_store_that_cannot_be_asked_for_the_account_refuses_the_login_instead_of_skipping_its_lock()
    {
        using var log = new LogRecorder();
        var users = new FlakyUserStore();
        await users.Inner.CreateAsync(UserAccount.Create("bob", Password), default);
        await using var chat = await StartAsync(log, options =>
        {
            options.Authenticator = null;
            options.UserStore = users;
            options.Limits.MaxLoginsPerAddressPerMinute = 0;
        });
        await FailAsync(chat, "bob", 4);
        Assert.AreEqual(429, (await LoginAsync(chat, "bob", "wrong")).Status);

        users.FailNextFind();
        var refused = await LoginAsync(chat, "bob", Password);

        Assert.AreEqual(503, refused.Status, refused.Body);
        StringAssert.Contains(refused.Body, "could not check your account, try again");
        Assert.IsTrue(log.Entries.Any(e => e.EventId == 30 && e.Message.Contains(nameof(FlakyUserStore), StringComparison.Ordinal)), "the failing store is logged");
        Assert.AreEqual(429, (await LoginAsync(chat, "bob", Password)).Status, "the account is still locked once the store answers");
    }

    private static async Task FailAsync(ChatTestServer chat, string name, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.AreEqual(403, (await LoginAsync(chat, name, "wrong")).Status, $"failure {i + 1} of {name}");
        }
    }

    private static Task<RawResponse> LoginAsync(ChatTestServer chat, string name, string password) =>
        chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, $"name={Uri.EscapeDataString(name)}&password={Uri.EscapeDataString(password)}"));

    private static async Task<ChatTestServer> StartAsync(LogRecorder? log = null, Action<ChatServerOptions>? configure = null)
    {
        var options = new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero, Authenticator = new PasswordAuthenticator() };
        configure?.Invoke(options);
        var time = new FakeTimeProvider();
        var server = new ChatServer(options, log?.CreateFactory(), time);
        await server.StartAsync();
        return ChatTestServer.Attach(server, time);
    }

    /// <summary>Holds every check until the test releases the wrong passwords, then the right one.</summary>
    private sealed class HeldAuthenticator : IAuthenticator
    {
        private readonly TaskCompletionSource _wrong = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _right = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _allCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;
        private int _expected = int.MaxValue;

        public Task CallsReached(int count)
        {
            Volatile.Write(ref _expected, count);
            if (Volatile.Read(ref _calls) >= count)
            {
                _allCalled.TrySetResult();
            }

            return _allCalled.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        }

        public void ReleaseWrong() => _wrong.SetResult();

        public void ReleaseRight() => _right.SetResult();

        public async ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) >= Volatile.Read(ref _expected))
            {
                _allCalled.TrySetResult();
            }

            if (context.Password == Password)
            {
                await _right.Task;
                return AuthenticationResult.Success(context.UserName, ChatRole.User);
            }

            await _wrong.Task;
            return AuthenticationResult.Failure("Wrong name or password.");
        }
    }

    /// <summary>Accepts every name with one password, at once: the lock is the server's, whatever the authenticator.</summary>
    private sealed class PasswordAuthenticator : IAuthenticator
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken)
        {
            // A name of its own for every session, so a name can log in again while its last session is still open.
            var call = Interlocked.Increment(ref _calls);
            return new(context.Password == Password
                ? AuthenticationResult.Success(context.UserName + call.ToString(System.Globalization.CultureInfo.InvariantCulture), ChatRole.User)
                : AuthenticationResult.Failure("Wrong name or password."));
        }
    }

    /// <summary>A store whose next look-up fails once, as a database that drops a connection.</summary>
    private sealed class FlakyUserStore : IUserStore
    {
        private int _failNext;

        public InMemoryUserStore Inner { get; } = new();

        public void FailNextFind() => Volatile.Write(ref _failNext, 1);

        public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
            Interlocked.Exchange(ref _failNext, 0) == 1
                ? throw new IOException("The account database did not answer.")
                : Inner.FindAsync(name, cancellationToken);

        public ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken) => Inner.CreateAsync(account, cancellationToken);

        public ValueTask<bool> UpdateAsync(UserAccount expected, UserAccount updated, CancellationToken cancellationToken) => Inner.UpdateAsync(expected, updated, cancellationToken);
    }
}
