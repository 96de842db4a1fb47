using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server made with the system's <c>postgresql</c> package: its own data
/// folder in a temporary directory and a free loopback port, never the cluster Debian sets up.
/// One server is shared by the whole run (<see cref="Shared"/>), each test taking a database of
/// its own; a test that stops or restarts the server starts one of its own (<see cref="StartNew"/>).
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so as root its programs run as the <c>postgres</c> user
/// (<c>runuser</c>), which the package creates; as anyone else they run as that user.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    private const string Superuser = "postgres";
    private static readonly Lazy<PostgresServer> SharedServer = new(StartNewShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _root;
    private readonly string _binaries;
    private int _databases;
    private bool _disposed;

    private PostgresServer(string root, string binaries, int port)
    {
        _root = root;
        _binaries = binaries;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server shared by every test of the run; started on first use, stopped when the run ends.</summary>
    public static PostgresServer Shared
    {
        get
        {
            RequireInstalled();
            return SharedServer.Value;
        }
    }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Marks the test inconclusive when PostgreSQL is not installed, or fails it in CI.</summary>
    public static void RequireInstalled()
    {
        if (FindBinaries() is not null && (!IsRoot || File.Exists("/usr/sbin/runuser")))
        {
            return;
        }

        var reason = "PostgreSQL tests need the postgresql package's programs (/usr/lib/postgresql/<version>/bin/pg_ctl), which are missing. "
            + "Install them as root: apt-get update && apt-get install -y postgresql";
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
        var binaries = FindBinaries()!;
        var root = Directory.CreateTempSubdirectory("pushchat-pg-").FullName;
        var server = new PostgresServer(root, binaries, FreePort());
        try
        {
            if (IsRoot)
            {
                Run("/bin/chown", ["-R", $"{Superuser}:{Superuser}", root]);
            }

            server.RunTool("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", Superuser, "--no-sync", "-E", "UTF8", "--locale=C"]);
            server.Start();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Stops the shared server if it was started: at the end of the run.</summary>
    public static void StopShared()
    {
        if (SharedServer.IsValueCreated)
        {
            SharedServer.Value.Dispose();
        }
    }

    /// <summary>Creates an empty database and returns the connection string of it.</summary>
    public string CreateDatabase()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    /// <summary>The connection string of a database of this server, as its superuser.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database }.ConnectionString;

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public void Start() =>
        RunTool("pg_ctl", [
            "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
            "start",
        ]);

    /// <summary>Stops the server at once, as a crash would: connections are cut, nothing is shut down cleanly.</summary>
    public void StopImmediately() => RunTool("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    /// <summary>Restarts the server, ending every connection.</summary>
    public void Restart()
    {
        RunTool("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);
        Start();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                StopImmediately();
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static PostgresServer StartNewShared()
    {
        var server = StartNew();

        // The run's cleanup stops it; this covers a run that ends without one (a killed test host still leaks it).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    private static string? FindBinaries()
    {
        const string installed = "/usr/lib/postgresql";
        if (!Directory.Exists(installed))
        {
            return null;
        }

        return Directory.GetDirectories(installed)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "pg_ctl")) && File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0)
            .FirstOrDefault();
    }

    /// <summary>A loopback port nothing listens on (for a test of a database that cannot be reached).</summary>
    public static int ClosedPort() => FreePort();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void RunTool(string tool, IReadOnlyList<string> arguments)
    {
        var program = Path.Combine(_binaries, tool);
        if (IsRoot)
        {
            Run("/usr/sbin/runuser", ["-u", Superuser, "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish within 90 s.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{errors.Result}");
        }
    }
}
