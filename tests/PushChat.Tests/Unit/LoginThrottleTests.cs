using PushChat.Internal.Chat.Services;
using PushChat.Internal.Infrastructure;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class LoginThrottleTests
{
    [TestMethod]
    [DataRow("bob", "B0B")]
    [DataRow("mora", "rnora")]
    [DataRow("dora", "\uFF44\uFF4F\uFF52\uFF41")]
    public void Look_alike_names_without_an_account_share_a_key(string name, string lookAlike) =>
        Assert.AreEqual(LoginKeys.Name(name), LoginKeys.Name(lookAlike));

    [TestMethod]
    public void An_accounts_key_is_its_stored_name_in_any_case_and_never_a_free_names_key()
    {
        Assert.AreNotEqual(LoginKeys.Account("bob"), LoginKeys.Name("bob"));
        Assert.AreNotEqual(LoginKeys.Name("bob"), LoginKeys.Name("bab"));

        var throttle = new LoginThrottle(new ChatServerLimits(), new FakeTimeProvider());
        for (var i = 0; i < 5; i++)
        {
            throttle.Failed(LoginKeys.Account("Bob"));
        }

        Assert.IsNotNull(throttle.LockedFor(LoginKeys.Account("BOB")), "stores match account names without regard to case");
        Assert.IsNull(throttle.LockedFor(LoginKeys.Name("bob")));
    }

    [TestMethod]
    public void Locks_double_up_to_the_cap_and_are_forgotten_after_a_quiet_day()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(new ChatServerLimits(), time);
        var lengths = new List<TimeSpan>();
        for (var i = 0; i < 9; i++)
        {
            var started = Fail(throttle, "dora", 5);
            lengths.Add(started.Remaining);
            time.Advance(started.Remaining);
            Assert.IsNull(throttle.LockedFor("dora"));
        }

        CollectionAssert.AreEqual(
            new[] { 15, 30, 60, 120, 240, 480, 960, 1440, 1440 }.Select(m => TimeSpan.FromMinutes(m)).ToArray(),
            lengths.ToArray());

        time.Advance(TimeSpan.FromHours(24));
        Assert.AreEqual(TimeSpan.FromMinutes(15), Fail(throttle, "dora", 5).Remaining, "a quiet day starts the doubling again");
    }

    [TestMethod]
    public void When_too_many_names_are_tracked_only_locked_ones_are_kept()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(new ChatServerLimits(), time);
        Fail(throttle, "dora", 5);
        Assert.IsNull(throttle.Failed("zoe"));
        for (var i = 0; i < LoginThrottle.MaxTrackedNames; i++)
        {
            throttle.Failed("spray" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.IsNotNull(throttle.LockedFor("dora"), "a locked name outlives the spray");
        Assert.IsNull(Fail(throttle, "zoe", 4, expectLock: false), "zoe's one failure was forgotten, so four more do not lock");
    }

    [TestMethod]
    public async Task Invalid_lock_limits_fail_at_start()
    {
        var options = new ChatServerOptions { Port = 0 };
        options.Limits.MaxLoginFailures = -1;
        options.Limits.LoginLockout = TimeSpan.FromHours(2);
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "Limits.MaxLoginFailures must not be negative");
        Assert.IsFalse(error.Message.Contains("MaxLoginLockout", StringComparison.Ordinal), "2 hours is under the 24-hour cap");
        options.Limits.MaxLoginLockout = TimeSpan.FromHours(1);
        StringAssert.Contains(string.Join("\n", ChatServerOptionsValidator.Failures(options)), "Limits.MaxLoginLockout must be at least Limits.LoginLockout.");
    }

    private static LoginLock Fail(LoginThrottle throttle, string name, int times) => Fail(throttle, name, times, expectLock: true)!.Value;

    private static LoginLock? Fail(LoginThrottle throttle, string name, int times, bool expectLock)
    {
        LoginLock? last = null;
        for (var i = 1; i <= times; i++)
        {
            last = throttle.Failed(name);
            Assert.AreEqual(expectLock && i == times, last is not null, $"failure {i} of {name}");
        }

        return last;
    }
}
