using System.Diagnostics;
using System.Text;
using PushChat.PostgreSql;
using PushChat.ScaleOut;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.PostgreSql;

/// <summary>The backplane across a database that stops and comes back: each test on a server of its own, since it stops it.</summary>
[TestClass]
public sealed class PostgresRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task The_reader_goes_on_across_a_database_restart_without_a_gap_or_a_repeat()
    {
        using var server = PostgresServer.StartNew();
        var connectionString = server.CreateDatabase();
        await using var writer = new PostgresChatBackplane(PostgresChatBackplaneTests.Options(connectionString, "writer"));
        await using var reader = new PostgresChatBackplane(PostgresChatBackplaneTests.Options(connectionString, "reader"));
        await writer.StartAsync(default);
        await reader.StartAsync(default);
        using var timeout = new CancellationTokenSource(Patience);
        var read = new List<BackplaneChange>();
        var firstThree = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            await foreach (var change in reader.ReadAsync(0, timeout.Token))
            {
                read.Add(change);
                if (read.Count == 3)
                {
                    firstThree.SetResult();
                }

                if (read.Count == 6)
                {
                    return;
                }
            }
        });
        for (var i = 1; i <= 3; i++)
        {
            await writer.AppendAsync(Encoding.UTF8.GetBytes($"before {i}"), default);
        }

        await firstThree.Task.WaitAsync(timeout.Token);

        server.Restart();
        for (var i = 1; i <= 3; i++)
        {
            await AppendWhenBackAsync(writer, $"after {i}", timeout.Token);
        }

        await reading.WaitAsync(timeout.Token);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5, 6 }, read.Select(c => c.Position).ToArray());
        CollectionAssert.AreEqual(
            new[] { "before 1", "before 2", "before 3", "after 1", "after 2", "after 3" },
            read.Select(c => Encoding.UTF8.GetString(c.Payload.Span)).ToArray());
    }

    [TestMethod]
    public async Task While_the_database_is_down_calls_fail_quickly_as_unavailable_and_work_again_after()
    {
        using var server = PostgresServer.StartNew();
        var connectionString = server.CreateDatabase();
        await using var node = new PostgresChatBackplane(PostgresChatBackplaneTests.Options(connectionString, "a"));
        await node.StartAsync(default);
        await node.AppendAsync(Encoding.UTF8.GetBytes("one"), default);

        server.StopImmediately();

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsExactlyAsync<BackplaneUnavailableException>(() => node.AppendAsync(Encoding.UTF8.GetBytes("lost"), default));
        await Assert.ThrowsExactlyAsync<BackplaneUnavailableException>(() => node.HeadAsync(default));
        await Assert.ThrowsExactlyAsync<BackplaneUnavailableException>(() => node.LiveNodesAsync(default));
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}: the calls must not hang on a database that is gone");
        await node.BeatNowAsync(default);
        Assert.IsFalse(node.IsLeader, "the node notices at its next heartbeat that it lost the lead with its connection");

        server.Start();
        using var timeout = new CancellationTokenSource(Patience);
        var two = await AppendWhenBackAsync(node, "two", timeout.Token);

        Assert.AreEqual(2, two.Position, "the change that failed was not stored");
        Assert.AreEqual(2, await node.HeadAsync(default));
        await node.BeatNowAsync(default);
        Assert.IsTrue(node.IsLeader, "the node takes the lead again at its next heartbeat");
    }

    [TestMethod]
    public async Task A_node_that_could_not_start_while_the_database_was_down_starts_once_it_is_back()
    {
        using var server = PostgresServer.StartNew();
        var connectionString = server.CreateDatabase();
        await using var node = new PostgresChatBackplane(PostgresChatBackplaneTests.Options(connectionString, "a"));
        server.StopImmediately();

        await Assert.ThrowsExactlyAsync<BackplaneUnavailableException>(() => node.StartAsync(default));
        server.Start();
        var start = await node.StartAsync(default);

        Assert.AreEqual(0, start.Head);
        CollectionAssert.AreEqual(new[] { "a" }, (await node.LiveNodesAsync(default)).ToArray());
    }

    /// <summary>
    /// Appends once the database is back: the server accepts connections again, but the first try
    /// may still meet a connection of the pool from before the restart, which the backplane then drops.
    /// </summary>
    private static async Task<BackplaneChange> AppendWhenBackAsync(PostgresChatBackplane node, string text, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await node.AppendAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            }
            catch (BackplaneUnavailableException) when (attempt < 3)
            {
            }
        }
    }
}
