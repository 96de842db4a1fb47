using Npgsql;
using PushChat.PostgreSql.Internal;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.PostgreSql;

/// <summary>The leader's session, whose end hands the lead to another node.</summary>
[TestClass]
public sealed class PostgresNodePresenceTests
{
    [TestMethod]
    public async Task The_leader_session_asks_the_server_to_notice_a_vanished_client_within_the_node_timeout()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgresSchema.MigrateAsync(dataSource, default);
        await using var presence = new PostgresNodePresence(dataSource, "a", TimeSpan.FromSeconds(15));

        await presence.BeatAsync(default);

        Assert.IsTrue(presence.IsLeader);
        var connection = presence.LeaderConnection!;
        var idle = int.Parse(await ShowAsync(connection, "tcp_keepalives_idle"), System.Globalization.CultureInfo.InvariantCulture);
        var interval = int.Parse(await ShowAsync(connection, "tcp_keepalives_interval"), System.Globalization.CultureInfo.InvariantCulture);
        var count = int.Parse(await ShowAsync(connection, "tcp_keepalives_count"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(idle > 0 && idle + (interval * count) <= 15, $"idle {idle} s, then {count} probes {interval} s apart");
    }

    private static async Task<string> ShowAsync(NpgsqlConnection connection, string setting)
    {
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
