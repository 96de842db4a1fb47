using System.Text;
using Npgsql;
using PushChat.PostgreSql;
using PushChat.PostgreSql.Internal;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.PostgreSql;

/// <summary>The package creates its tables and upgrades them from any earlier version, once, however many nodes start at once.</summary>
[TestClass]
public sealed class PostgresSchemaTests
{
    private const string Hash = "pbkdf2-sha256$1000$c2FsdA==$aGFzaA==";

    [TestMethod]
    public async Task There_are_several_versions_to_migrate_through()
    {
        Assert.IsTrue(PostgresSchema.Latest >= 2, $"{PostgresSchema.Latest}");
        await Task.CompletedTask;
    }

    [TestMethod]
    public async Task Migrating_from_each_earlier_version_keeps_what_was_stored()
    {
        for (var from = 0; from < PostgresSchema.Latest; from++)
        {
            var connectionString = PostgresServer.Shared.CreateDatabase();
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await PostgresSchema.MigrateAsync(dataSource, default, target: from);
            Assert.AreEqual(from, await PostgresSchema.VersionAsync(dataSource, default));
            long? chatId = null;
            if (from >= 1)
            {
                chatId = (long)(await ScalarAsync(dataSource, "SELECT chat_id FROM pushchat_chat"))!;
                await ScalarAsync(dataSource, """
                    WITH next AS (UPDATE pushchat_chat SET head = head + 1, head_at = greatest(head_at, clock_timestamp()) RETURNING head, head_at)
                    INSERT INTO pushchat_changes (position, at, node, payload) SELECT head, head_at, 'old', convert_to('kept', 'UTF8') FROM next
                    """);
            }

            await using var node = new PostgresChatBackplane(PostgresChatBackplaneTests.Options(connectionString, "new"));
            var start = await node.StartAsync(default);

            Assert.AreEqual(PostgresSchema.Latest, await PostgresSchema.VersionAsync(dataSource, default), $"from {from}");
            if (chatId is not null)
            {
                Assert.AreEqual(chatId, start.ChatId, $"from {from}: the chat keeps its number");
                Assert.AreEqual(1, start.Head, $"from {from}");
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await foreach (var change in node.ReadAsync(0, timeout.Token))
                {
                    Assert.AreEqual("kept", Encoding.UTF8.GetString(change.Payload.Span));
                    Assert.AreEqual("old", change.NodeId);
                    break;
                }
            }

            await using var users = new PostgresUserStore(connectionString);
            Assert.IsTrue(await users.CreateAsync(new UserAccount("ann", Hash, ChatRole.User, null), default), $"from {from}");
            await node.StopAsync(default);
        }
    }

    [TestMethod]
    public async Task Migrating_again_or_from_several_nodes_at_once_changes_nothing()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresSchema.MigrateAsync(dataSource, default))));
        var chatId = await ScalarAsync(dataSource, "SELECT chat_id FROM pushchat_chat");
        await PostgresSchema.MigrateAsync(dataSource, default);

        Assert.AreEqual(PostgresSchema.Latest, await PostgresSchema.VersionAsync(dataSource, default));
        Assert.AreEqual(1L, await ScalarAsync(dataSource, "SELECT count(*) FROM pushchat_chat"));
        Assert.AreEqual(chatId, await ScalarAsync(dataSource, "SELECT chat_id FROM pushchat_chat"), "the chat's number is drawn once");
    }

    [TestMethod]
    public async Task A_database_of_a_newer_package_is_refused_with_a_clear_message()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgresSchema.MigrateAsync(dataSource, default);
        var newer = PostgresSchema.Latest + 1;
        await ScalarAsync(dataSource, $"UPDATE pushchat_schema SET version = {newer}");

        await using var node = new PostgresChatBackplane(PostgresChatBackplaneTests.Options(connectionString, "old"));
        var refused = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => node.StartAsync(default));
        await using var users = new PostgresUserStore(connectionString);
        var refusedToo = await Assert.ThrowsExactlyAsync<InvalidOperationException>(async () => await users.FindAsync("ann", default));

        StringAssert.Contains(refused.Message, $"version {newer}");
        StringAssert.Contains(refused.Message, "update the package");
        Assert.AreEqual(refused.Message, refusedToo.Message);
        Assert.AreEqual(newer, await PostgresSchema.VersionAsync(dataSource, default), "left as it was");
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
