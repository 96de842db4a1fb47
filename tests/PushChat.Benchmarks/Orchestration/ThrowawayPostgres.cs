using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>
/// A PostgreSQL server of the benchmark's own, made with the system's <c>postgresql</c> package:
/// a data folder in a temporary directory and a free loopback port, started for one scenario and
/// removed after it, so that the scale-out benchmark runs on a clean machine and measures a
/// database that serves nothing else. PostgreSQL refuses to run as root, so as root its
/// programs run as the <c>postgres</c> user (<c>runuser</c>), which the package creates.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private const string Superuser = "postgres";
    private readonly string _root;
    private readonly string _binaries;
    private int _databases;

    private ThrowawayPostgres(string root, string binaries, int port)
    {
        _root = root;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's main process; every other process of the server is its child.</summary>
    public int Pid { get; private set; }

    private string DataDirectory => Path.Combine(_root, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Whether the programs are installed (and, as root, <c>runuser</c> to run them).</summary>
    public static bool IsInstalled => FindBinaries() is not null && (!IsRoot || File.Exists("/usr/sbin/runuser"));

    public static ThrowawayPostgres Start()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "The scale-out scenario needs PostgreSQL's programs (/usr/lib/postgresql/<version>/bin): apt-get install -y postgresql");
        var root = Directory.CreateTempSubdirectory("pushchat-bench-pg-").FullName;
        var server = new ThrowawayPostgres(root, binaries, FreePort());
        try
        {
            if (IsRoot)
            {
                Run("/bin/chown", ["-R", $"{Superuser}:{Superuser}", root]);
            }

            server.RunTool("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", Superuser, "--no-sync", "-E", "UTF8", "--locale=C"]);

            // The defaults of a packaged server, except durability: fsync off keeps the shared
            // machine's disk out of the measurement (a production database syncs its commits).
            server.RunTool("pg_ctl", [
                "-D", server.DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
                "-o", $"-p {server.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200",
                "start",
            ]);
            server.Pid = int.Parse(File.ReadLines(Path.Combine(server.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Creates an empty database (one per run, so every run starts from a fresh chat) and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"chat_{++_databases}");
        RunTool("createdb", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, name]);
        return $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={Superuser};Database={name}";
    }

    public void Dispose()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                RunTool("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within 90 s.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{errors.Result}");
        }
    }
}
