using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace PushChat.Testing;

/// <summary>
/// A throwaway PostgreSQL server made with the system's <c>postgresql</c> package: its own data
/// folder in a temporary directory and a free loopback port, never the cluster Debian sets up.
/// Shared by the tests and the benchmarks (linked into both projects).
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so as root its programs run as the <c>postgres</c> user
/// (<c>runuser</c>), which the package creates. Durability is off (<c>fsync=off</c>): a restart
/// loses nothing, a machine's crash would, and the shared machine's disk stays out of measurements.
/// </remarks>
internal sealed class ThrowawayPostgres : IDisposable
{
    private const string Superuser = "postgres";

    private readonly string _root;
    private readonly string _binaries;
    private readonly string _settings;
    private int _databases;
    private bool _disposed;

    private ThrowawayPostgres(string root, string binaries, string settings)
    {
        _root = root;
        _binaries = binaries;
        _settings = settings;
        Port = FreePort();
    }

    /// <summary>Whether the programs are installed (and, as root, <c>runuser</c> to run them).</summary>
    public static bool IsInstalled => FindBinaries() is not null && (!IsRoot || File.Exists("/usr/sbin/runuser"));

    /// <summary>What to install when <see cref="IsInstalled"/> is false.</summary>
    public const string Missing = "PostgreSQL's programs (/usr/lib/postgresql/<version>/bin/pg_ctl) are missing. Install them as root: apt-get update && apt-get install -y postgresql";

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server's main process, since it last started.</summary>
    public int Pid { get; private set; }

    private string DataDirectory => Path.Combine(_root, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Makes and starts a server; <paramref name="settings"/> are more <c>-c name=value</c> settings.</summary>
    public static ThrowawayPostgres Start(params string[] settings)
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(Missing);
        var root = Directory.CreateTempSubdirectory("pushchat-pg-").FullName;
        var server = new ThrowawayPostgres(root, binaries, string.Concat(settings.Select(s => " -c " + s)));
        try
        {
            if (IsRoot)
            {
                Run("/bin/chown", ["-R", $"{Superuser}:{Superuser}", root]);
            }

            server.RunTool("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", Superuser, "--no-sync", "-E", "UTF8", "--locale=C"]);
            server.StartAgain();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Creates an empty database named after <paramref name="prefix"/> and returns its connection string.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Interlocked.Increment(ref _databases)}");
        RunTool("createdb", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Superuser, name]);
        return ConnectionString(name);
    }

    /// <summary>The connection string of a database of this server, as its superuser.</summary>
    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={Superuser};Database={database}");

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public void StartAgain()
    {
        RunTool("pg_ctl", [
            "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off{_settings}",
            "start",
        ]);
        Pid = int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
    }

    /// <summary>Stops the server at once, as a crash would: connections are cut, nothing is shut down cleanly.</summary>
    public void StopImmediately() => RunTool("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    /// <summary>Restarts the server, ending every connection.</summary>
    public void Restart()
    {
        RunTool("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);
        StartAgain();
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
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish within 90 s.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{errors.Result}");
        }
    }
}
