using PushChat.PostgreSql;
using PushChat.ScaleOut;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.PostgreSql;

/// <summary>The backplane contract kept by <see cref="PostgresChatBackplane"/>, each test in a new database of the shared server.</summary>
[TestClass]
public sealed class PostgresBackplaneContractTests : BackplaneContract
{
    protected override Func<string, IChatBackplane> NewChat()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase();
        return node => new PostgresChatBackplane(Options(connectionString, node));
    }

    /// <summary>Short timings, so a test of leadership or liveness does not wait for the defaults.</summary>
    internal static PostgresBackplaneOptions Options(string connectionString, string node) => new()
    {
        ConnectionString = connectionString,
        NodeId = node,
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        NodeTimeout = TimeSpan.FromSeconds(1),
        PollInterval = TimeSpan.FromMilliseconds(200),
    };
}
