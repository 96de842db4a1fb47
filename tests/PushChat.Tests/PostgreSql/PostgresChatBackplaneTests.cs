using Npgsql;
using PushChat.PostgreSql;
using PushChat.ScaleOut;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.PostgreSql;

/// <summary>
/// The backplane contract kept by <see cref="PostgresChatBackplane"/>, each test in a new database
/// of the shared server, and what it adds: nodes that vanish, lost notifications.
/// </summary>
[TestClass]
public sealed class PostgresChatBackplaneTests : BackplaneContract
{
    private string _connectionString = string.Empty;

    /// <summary>Short timings, so a test of leadership or liveness does not wait for the defaults.</summary>
    internal static PostgresBackplaneOptions Options(string connectionString, string node) => new()
    {
        ConnectionString = connectionString,
        NodeId = node,
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        NodeTimeout = TimeSpan.FromSeconds(3),
        PollInterval = TimeSpan.FromMilliseconds(200),
    };

    protected override Func<string, IChatBackplane> NewChat()
    {
        _connectionString = PostgresServer.Shared.CreateDatabase();
        return node => new PostgresChatBackplane(Options(_connectionString, node));
    }

    protected override Task HeartbeatAsync(IChatBackplane node) => ((PostgresChatBackplane)node).BeatNowAsync(default);

    [TestMethod]
    public async Task A_node_that_vanishes_without_stopping_leaves_the_live_nodes_after_the_timeout()
    {
        var nodes = await StartNodesAsync("a", "b");
        CollectionAssert.AreEquivalent(new[] { "a", "b" }, (await nodes[1].LiveNodesAsync(default)).ToArray());

        await ((PostgresChatBackplane)nodes[0]).DisposeAsync();

        CollectionAssert.Contains((await nodes[1].LiveNodesAsync(default)).ToArray(), "a", "still counted alive until its timeout");

        // The database's clock moves on by the node timeout (3 s) with no heartbeat of a's: its row ages by as much.
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var age = new NpgsqlCommand("UPDATE pushchat_nodes SET seen = seen - interval '3 seconds' WHERE node = 'a'", connection);
            Assert.AreEqual(1, await age.ExecuteNonQueryAsync());
        }

        CollectionAssert.AreEquivalent(new[] { "b" }, (await nodes[1].LiveNodesAsync(default)).ToArray());
    }

    [TestMethod]
    public async Task A_change_whose_notification_was_never_sent_is_read_by_polling()
    {
        var nodes = await StartNodesAsync("a");
        await nodes[0].AppendAsync(Payload("notified"), default);
        var reader = ReadAsync(nodes[0], 0, 2);

        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                """
                WITH next AS (UPDATE pushchat_chat SET head = head + 1, head_at = greatest(head_at, clock_timestamp()) RETURNING head, head_at)
                INSERT INTO pushchat_changes (position, at, node, payload) SELECT head, head_at, 'elsewhere', convert_to('silent', 'UTF8') FROM next
                """,
                connection);
            await insert.ExecuteNonQueryAsync();
        }

        var read = await reader;
        CollectionAssert.AreEqual(new[] { "notified", "silent" }, read.Select(Text).ToArray());
        Assert.AreEqual("elsewhere", read[1].NodeId);
    }

    [TestMethod]
    public async Task A_database_that_cannot_be_reached_is_told_without_the_password()
    {
        const string password = "s3cret-never-shown";
        var port = PostgresServer.ClosedPort();
        await using var node = new PostgresChatBackplane(Options($"Host=127.0.0.1;Port={port};Username=chat;Password={password};Database=chat", "a"));
        await using var users = new PostgresUserStore($"Host=127.0.0.1;Port={port};Username=chat;Password={password};Database=chat");

        var refused = await Assert.ThrowsExactlyAsync<BackplaneUnavailableException>(() => node.StartAsync(default));
        var append = await Assert.ThrowsExactlyAsync<BackplaneUnavailableException>(() => node.AppendAsync(Payload("x"), default));
        var find = await Assert.ThrowsAsync<Exception>(async () => await users.FindAsync("ann", default));

        foreach (var failure in new Exception[] { refused, append, find })
        {
            Assert.IsFalse(failure.ToString().Contains(password, StringComparison.Ordinal), failure.ToString());
        }
    }

    [TestMethod]
    public async Task The_node_and_its_database_options_are_checked_when_it_is_made()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new PostgresChatBackplane(new PostgresBackplaneOptions()));
        Assert.ThrowsExactly<ArgumentException>(() => new PostgresChatBackplane(new PostgresBackplaneOptions
        {
            ConnectionString = "Host=127.0.0.1",
            HeartbeatInterval = TimeSpan.FromSeconds(20),
        }));
        var named = new PostgresBackplaneOptions().NodeId;
        StringAssert.StartsWith(named, $"{Environment.MachineName}-{Environment.ProcessId}-");
        Assert.AreNotEqual(named, new PostgresBackplaneOptions().NodeId, "a random part tells two nodes of one process apart");
        await Task.CompletedTask;
    }
}
