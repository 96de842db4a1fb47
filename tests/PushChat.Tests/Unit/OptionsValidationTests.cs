using Microsoft.Extensions.Options;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class OptionsValidationTests
{
    [TestMethod]
    public async Task Invalid_options_fail_at_start_listing_every_problem()
    {
        var options = new ChatServerOptions { Port = 70000, ListenAddress = "example.org", HistoryLength = -1 };
        options.Limits.MaxConnections = 0;
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "Port 70000 must be between 0 and 65535.");
        StringAssert.Contains(error.Message, "ListenAddress 'example.org' is not an IP address");
        StringAssert.Contains(error.Message, "HistoryLength -1");
        StringAssert.Contains(error.Message, "Limits.MaxConnections must be at least 1.");
        Assert.IsFalse(server.IsRunning);
    }

    [TestMethod]
    public void The_host_event_queue_must_hold_an_event()
    {
        var options = new ChatServerOptions();
        options.Limits.MaxQueuedHostEvents = 0;

        var failures = Internal.Infrastructure.ChatServerOptionsValidator.Failures(options);

        CollectionAssert.Contains(failures, "Limits.MaxQueuedHostEvents must be at least 1.");
    }

    [TestMethod]
    public void Password_lengths_must_allow_a_password()
    {
        var options = new ChatServerOptions();
        options.Limits.MinPasswordLength = 0;
        options.Limits.MaxPasswordLength = -1;

        var failures = Internal.Infrastructure.ChatServerOptionsValidator.Failures(options);

        CollectionAssert.Contains(failures, "Limits.MinPasswordLength must be at least 1.");
        Assert.IsTrue(failures.Any(f => f.StartsWith("Limits.MaxPasswordLength must be between MinPasswordLength", StringComparison.Ordinal)), string.Join("\n", failures));
    }

    [TestMethod]
    public void Address_budgets_are_validated_and_zero_turns_them_off()
    {
        var options = new ChatServerOptions();
        options.Limits.AddressPrefixIPv6 = 16;
        options.Limits.MaxSessionsPerAddress = -1;
        options.Limits.MaxUnopenedSessionsPerAddress = -1;
        options.Limits.MaxLoginsPerAddressPerMinute = -1;
        options.Limits.MaxLinesPerAddress = -1;
        options.Limits.AddressLineWindow = TimeSpan.Zero;

        var failures = Internal.Infrastructure.ChatServerOptionsValidator.Failures(options);

        Assert.IsTrue(failures.Any(f => f.StartsWith("Limits.AddressPrefixIPv6 16 must be between 32 and 128", StringComparison.Ordinal)), string.Join("\n", failures));
        CollectionAssert.Contains(failures, "Limits.MaxSessionsPerAddress must not be negative (0 turns it off).");
        CollectionAssert.Contains(failures, "Limits.MaxUnopenedSessionsPerAddress must not be negative (0 turns it off).");
        CollectionAssert.Contains(failures, "Limits.MaxLoginsPerAddressPerMinute must not be negative (0 turns it off).");
        CollectionAssert.Contains(failures, "Limits.MaxLinesPerAddress must not be negative (0 turns it off).");
        CollectionAssert.Contains(failures, "Limits.AddressLineWindow must be positive.");

        var off = new ChatServerOptions();
        off.Limits.WithoutAddressBudgets();
        Assert.IsEmpty(Internal.Infrastructure.ChatServerOptionsValidator.Failures(off));
    }

    [TestMethod]
    public async Task Options_are_copied_at_start_so_later_changes_have_no_effect()
    {
        var options = new ChatServerOptions { Port = 0, Title = "Before" };
        await using var server = new ChatServer(options);
        await server.StartAsync();
        options.Title = "After";
        options.Port = 1;

        using var http = new HttpClient();
        var page = await http.GetStringAsync($"http://127.0.0.1:{server.LocalEndPoint!.Port}/");

        StringAssert.Contains(page, "<h1>Before</h1>");
    }

    [TestMethod]
    public async Task A_server_starts_only_once()
    {
        await using var server = new ChatServer(new ChatServerOptions { Port = 0 });
        await server.StartAsync();

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => server.StartAsync());
    }
}
