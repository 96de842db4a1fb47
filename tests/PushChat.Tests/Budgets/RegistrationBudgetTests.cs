using System.Net;
using PushChat.Internal.Infrastructure;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Budgets;

/// <summary>
/// Registration draws on a budget of its own per client address and one for the whole server,
/// counted before the password is hashed, so a script can neither squat names nor take the
/// password checks from logins. Other loopback addresses are other clients.
/// </summary>
[TestClass]
public sealed class RegistrationBudgetTests
{
    private const string Password = "correct horse";
    private static readonly IPAddress Script = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Neighbour = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Third = IPAddress.Parse("127.0.0.3");

    [TestMethod]
    public async Task Six_registrations_from_one_address_make_five_accounts_and_the_sixth_gets_429_with_the_form_kept()
    {
        var users = new InMemoryUserStore();
        await using var chat = await StartAsync(users);

        for (var i = 1; i <= 5; i++)
        {
            Assert.AreEqual(303, (await RegisterAsync(chat, $"squat{i}", Script)).Status, $"registration {i}");
        }

        var sixth = await RegisterAsync(chat, "squat6", Script);

        Assert.AreEqual(429, sixth.Status, sixth.Body);
        Assert.Contains("Too many registrations from your network", sixth.Body);
        Assert.Contains($"action=\"{ChatRoutes.Register}\"", sixth.Body);
        Assert.Contains("value=\"squat6\"", sixth.Body);
        Assert.AreEqual(5, users.Count);
        Assert.AreEqual(303, (await RegisterAsync(chat, "neighbour", Neighbour)).Status, "another address has its own budget");

        chat.Time.Advance(TimeSpan.FromMinutes(12));
        Assert.AreEqual(303, (await RegisterAsync(chat, "squat6", Script)).Status, "one more every twelve minutes");
    }

    [TestMethod]
    public async Task Tries_for_names_that_cannot_be_registered_count_too()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("ann", Password), default);
        await using var chat = await StartAsync(users, limits => limits.MaxRegistrationsPerAddressPerHour = 2);

        Assert.AreEqual(409, (await RegisterAsync(chat, "ann", Script)).Status);
        Assert.AreEqual(409, (await RegisterAsync(chat, "ANN", Script)).Status);
        var free = await RegisterAsync(chat, "zed", Script);

        Assert.AreEqual(429, free.Status, "probing taken names spends the budget as registering does");
        Assert.AreEqual(1, users.Count);
    }

    [TestMethod]
    public async Task The_server_wide_budget_holds_registrations_from_many_addresses()
    {
        var users = new InMemoryUserStore();
        await using var chat = await StartAsync(users, limits =>
        {
            limits.MaxRegistrationsPerAddressPerHour = 0;
            limits.MaxRegistrationsPerMinute = 2;
        });

        Assert.AreEqual(303, (await RegisterAsync(chat, "one", Script)).Status);
        Assert.AreEqual(303, (await RegisterAsync(chat, "two", Neighbour)).Status);
        var third = await RegisterAsync(chat, "three", Third);

        Assert.AreEqual(429, third.Status, third.Body);
        Assert.Contains("Too many new accounts are being registered right now", third.Body);
        Assert.Contains("value=\"three\"", third.Body);
        Assert.AreEqual(2, users.Count);
        chat.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.AreEqual(303, (await RegisterAsync(chat, "three", Third)).Status);
    }

    [TestMethod]
    public async Task The_server_wide_budget_is_logged_as_its_own_event_without_the_callers_address()
    {
        using var log = new LogRecorder();
        var time = new FakeTimeProvider();
        var options = new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero, UserStore = new InMemoryUserStore() };
        options.Limits.WithoutAddressBudgets();
        options.Limits.MaxRegistrationsPerAddressPerHour = 0;
        options.Limits.MaxRegistrationsPerMinute = 1;
        await using var server = new ChatServer(options, log.CreateFactory(), time);
        await server.StartAsync();
        var chat = ChatTestServer.Attach(server, time);
        Assert.AreEqual(303, (await RegisterAsync(chat, "one", Script)).Status);

        Assert.AreEqual(429, (await RegisterAsync(chat, "two", Neighbour)).Status);
        Assert.AreEqual(429, (await RegisterAsync(chat, "three", Third)).Status);

        Assert.IsFalse(log.Entries.Any(e => e.EventId == 90), "not a per-address budget");
        var lines = log.Entries.Where(e => e.EventId == 91).Select(e => e.Message).ToArray();
        Assert.HasCount(1, lines, "throttled like the other budget reports");
        StringAssert.Contains(lines[0], nameof(ChatServerLimits.MaxRegistrationsPerMinute));
        Assert.DoesNotContain("127.0.0", lines[0]);
    }

    [TestMethod]
    public async Task A_refused_form_does_not_spend_the_budget()
    {
        var users = new InMemoryUserStore();
        await using var chat = await StartAsync(users, limits => limits.MaxRegistrationsPerAddressPerHour = 1);

        Assert.AreEqual(400, (await RegisterAsync(chat, "ann", Script, confirm: "a typo here")).Status);
        Assert.AreEqual(400, (await RegisterAsync(chat, "a!b", Script)).Status);

        Assert.AreEqual(303, (await RegisterAsync(chat, "ann", Script)).Status, "a user fixing the form is not held back");
    }

    [TestMethod]
    public void Registration_budgets_are_validated_and_zero_turns_them_off()
    {
        var options = new ChatServerOptions();
        options.Limits.MaxRegistrationsPerAddressPerHour = -1;
        options.Limits.MaxRegistrationsPerMinute = -1;

        var failures = ChatServerOptionsValidator.Failures(options);

        CollectionAssert.Contains(failures, "Limits.MaxRegistrationsPerAddressPerHour must not be negative (0 turns it off).");
        CollectionAssert.Contains(failures, "Limits.MaxRegistrationsPerMinute must not be negative (0 turns it off).");
        var off = new ChatServerOptions();
        off.Limits.MaxRegistrationsPerAddressPerHour = 0;
        off.Limits.MaxRegistrationsPerMinute = 0;
        Assert.IsEmpty(ChatServerOptionsValidator.Failures(off));
    }

    private static Task<RawResponse> RegisterAsync(ChatTestServer chat, string name, IPAddress from, string? confirm = null) =>
        chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Register, $"name={Uri.EscapeDataString(name)}&password={Uri.EscapeDataString(Password)}&confirm={Uri.EscapeDataString(confirm ?? Password)}"), from);

    private static Task<ChatTestServer> StartAsync(InMemoryUserStore users, Action<ChatServerLimits>? limits = null) =>
        ChatTestServer.StartAsync(options =>
        {
            options.UserStore = users;

            // Each registration logs in and leaves its chat unopened: only the registration budgets are under test.
            options.Limits.MaxUnopenedSessionsPerAddress = 0;
            options.Limits.MaxLoginsPerAddressPerMinute = 0;
            limits?.Invoke(options.Limits);
        });
}
