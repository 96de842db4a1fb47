using PushChat.PostgreSql;

namespace PushChat.Tests.Browser;

/// <summary>
/// Two servers of one chat on one PostgreSQL database (its backplane and its accounts), on the
/// real clock, each trusting the balancer on loopback for <c>X-Forwarded-For</c>.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private readonly List<(ChatServer Server, PostgresChatBackplane Backplane, PostgresUserStore Users)> _nodes = [];

    private TwoNodes()
    {
    }

    public int[] Ports => _nodes.Select(n => n.Server.LocalEndPoint!.Port).ToArray();

    public static async Task<TwoNodes> StartAsync(string connectionString)
    {
        var nodes = new TwoNodes();
        try
        {
            foreach (var id in new[] { "a", "b" })
            {
                var backplane = new PostgresChatBackplane(new PostgresBackplaneOptions { ConnectionString = connectionString, NodeId = id });
                var users = new PostgresUserStore(connectionString);
                var options = new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero, Backplane = backplane, UserStore = users, TrustedProxies = { "127.0.0.1" } };
                var server = new ChatServer(options);
                nodes._nodes.Add((server, backplane, users));
                await server.StartAsync();
            }

            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (server, backplane, users) in _nodes)
        {
            await server.DisposeAsync();
            await backplane.DisposeAsync();
            await users.DisposeAsync();
        }
    }
}
