using PushChat.PostgreSql;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.ScaleOut;

/// <summary>The nodes over a real PostgreSQL database, each with its own <see cref="PostgresChatBackplane"/>.</summary>
[TestClass]
[TestCategory("PostgreSql")]
public sealed class PostgresNodesTests : NodesContract
{
    protected override Task<ChatTestNodes> StartNodesAsync(int count)
    {
        PostgresServer.RequireInstalled();
        var database = PostgresServer.Shared.CreateDatabase();
        return ChatTestNodes.StartAsync(count, backplane: node => new PostgresChatBackplane(new PostgresBackplaneOptions { ConnectionString = database, NodeId = node }));
    }
}
