using PushChat.Testing;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// The tests' <see cref="ThrowawayPostgres"/>: one server shared by the whole run
/// (<see cref="Shared"/>), each test taking a database of its own; a test that stops or restarts
/// the server starts one of its own (<see cref="StartNew"/>). Without PostgreSQL a test is
/// inconclusive, and fails in CI.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> SharedServer = new(StartNewShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ThrowawayPostgres _server;

    private PostgresServer(ThrowawayPostgres server) => _server = server;

    /// <summary>The loopback port the server listens on.</summary>
    public int Port => _server.Port;

    /// <summary>The server shared by every test of the run; started on first use, stopped when the run ends.</summary>
    public static PostgresServer Shared
    {
        get
        {
            RequireInstalled();
            return SharedServer.Value;
        }
    }

    /// <summary>Marks the test inconclusive when PostgreSQL is not installed, or fails it in CI.</summary>
    public static void RequireInstalled()
    {
        if (ThrowawayPostgres.IsInstalled)
        {
            return;
        }

        var reason = "PostgreSQL tests need a PostgreSQL server: " + ThrowawayPostgres.Missing;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Inconclusive(reason);
    }

    /// <summary>Starts a server of the test's own, for a test that stops or restarts it; dispose it at the end.</summary>
    public static PostgresServer StartNew()
    {
        RequireInstalled();
        return new PostgresServer(ThrowawayPostgres.Start());
    }

    /// <summary>Stops the shared server if it was started: at the end of the run.</summary>
    public static void StopShared()
    {
        if (SharedServer.IsValueCreated)
        {
            SharedServer.Value.Dispose();
        }
    }

    /// <summary>A loopback port nothing listens on (for a test of a database that cannot be reached).</summary>
    public static int ClosedPort() => ThrowawayPostgres.FreePort();

    /// <summary>Creates an empty database and returns the connection string of it.</summary>
    public string CreateDatabase() => _server.CreateDatabase("test");

    /// <summary>The connection string of a database of this server, as its superuser.</summary>
    public string ConnectionString(string database) => _server.ConnectionString(database);

    /// <summary>Starts the server again and waits until it accepts connections.</summary>
    public void Start() => _server.StartAgain();

    /// <summary>Stops the server at once, as a crash would.</summary>
    public void StopImmediately() => _server.StopImmediately();

    /// <summary>Restarts the server, ending every connection.</summary>
    public void Restart() => _server.Restart();

    public void Dispose() => _server.Dispose();

    private static PostgresServer StartNewShared()
    {
        var server = StartNew();

        // The run's cleanup stops it; this covers a run that ends without one (a killed test host still leaks it).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }
}
