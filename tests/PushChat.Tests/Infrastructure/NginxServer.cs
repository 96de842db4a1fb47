using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// A throwaway nginx (the system's <c>nginx</c> package, never its service) balancing round-robin,
/// with no stickiness, over the given loopback ports with the configuration operators copy:
/// samples/ConsoleHost/deploy/nginx-two-nodes.conf, its listen address and upstream servers
/// replaced. Everything it writes (configuration, pid, logs, buffers) stays in a temporary folder.
/// </summary>
/// <remarks>
/// The access log names the node that answered each finished request (<c>$upstream_addr</c>), so
/// a test can see that the requests really went to every node. Streams are logged when they end.
/// </remarks>
public sealed partial class NginxServer : IDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    private static readonly string[] TempFolders = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];

    private readonly string _root;
    private readonly Process _process;
    private bool _disposed;

    private NginxServer(string root, Process process, int port)
    {
        _root = root;
        _process = process;
        Port = port;
    }

    /// <summary>The loopback port browsers reach the chat on.</summary>
    public int Port { get; }

    /// <summary>The chat's home page through the balancer.</summary>
    public Uri Home => HomeAs("127.0.0.1");

    /// <summary>The chat's home page through the balancer, named as a browser that resolves <paramref name="host"/> to 127.0.0.1 names it.</summary>
    public Uri HomeAs(string host) => new($"http://{host}:{Port}{ChatRoutes.Home}");

    /// <summary>The configuration operators copy (README shows it), read from the checkout.</summary>
    public static string DeployedConfigurationPath => Path.Combine(TestPaths.RepositoryRoot(), "samples", "ConsoleHost", "deploy", "nginx-two-nodes.conf");

    private string AccessLogPath => Path.Combine(_root, "access.log");

    private string ErrorLogPath => Path.Combine(_root, "error.log");

    /// <summary>Marks the test inconclusive when nginx is not installed, or fails it in CI.</summary>
    public static void RequireInstalled()
    {
        if (File.Exists(NginxPath))
        {
            return;
        }

        var reason = $"Load balancer tests need {NginxPath}, which is missing. Install it as root: apt-get update && apt-get install -y nginx";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Inconclusive(reason);
    }

    /// <summary>Starts nginx in front of the nodes listening on 127.0.0.1 at <paramref name="upstreamPorts"/>, and waits until it accepts connections.</summary>
    public static Task<NginxServer> StartAsync(params int[] upstreamPorts) => StartAsync(null, upstreamPorts);

    /// <summary>
    /// Starts nginx as <see cref="StartAsync(int[])"/> does; with <paramref name="connectFrom"/>
    /// (a loopback address) it connects to the nodes from that address, so that the nodes can tell
    /// the balancer from its clients.
    /// </summary>
    public static async Task<NginxServer> StartAsync(IPAddress? connectFrom, params int[] upstreamPorts)
    {
        RequireInstalled();
        var root = Directory.CreateTempSubdirectory("pushchat-nginx-").FullName;
        var port = FreePort();
        var site = Configure(await File.ReadAllTextAsync(DeployedConfigurationPath), port, upstreamPorts);
        await File.WriteAllTextAsync(Path.Combine(root, "pushchat.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(root, "nginx.conf"), MainConfiguration(root, connectFrom));
        foreach (var folder in TempFolders)
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }

        var start = new ProcessStartInfo(NginxPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in new[] { "-p", root + "/", "-e", Path.Combine(root, "error.log"), "-c", Path.Combine(root, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var server = new NginxServer(root, Process.Start(start)!, port);
        try
        {
            await server.WaitUntilListeningAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The deployed configuration with its <c>listen</c> on 127.0.0.1 at <paramref name="port"/>
    /// and one <c>server</c> line per upstream port; nothing else of it is changed.
    /// </summary>
    public static string Configure(string deployed, int port, IReadOnlyList<int> upstreamPorts)
    {
        Assert.AreEqual(1, ListenLine().Count(deployed), "the configuration has one listen line");
        var upstream = UpstreamBlock().Match(deployed);
        Assert.IsTrue(upstream.Success, "the configuration has an upstream block with server lines");
        var servers = string.Concat(upstreamPorts.Select(p => $"    server 127.0.0.1:{p};\n"));
        var withUpstreams = deployed[..upstream.Groups["servers"].Index] + servers + deployed[(upstream.Groups["servers"].Index + upstream.Groups["servers"].Length)..];
        return ListenLine().Replace(withUpstreams, $"listen 127.0.0.1:{port};");
    }

    /// <summary>Every finished request so far as nginx logged it: the node that served it, what was asked, and by which browser (its User-Agent).</summary>
    public IReadOnlyList<BalancedRequest> FinishedRequests() =>
        !File.Exists(AccessLogPath)
            ? []
            : File.ReadAllLines(AccessLogPath)
                .Select(line => line.Split('|'))
                .Where(fields => fields.Length == 5)
                .Select(fields => new BalancedRequest(fields[0], fields[1], fields[2], fields[3], fields[4]))
                .ToList();

    /// <summary>What nginx wrote to its error log, for a failure message.</summary>
    public string ErrorLog() => File.Exists(ErrorLogPath) ? File.ReadAllText(ErrorLogPath) : string.Empty;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // The workers are the master's children: the whole tree goes, none is left holding the port.
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
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

    // What the Debian package's nginx.conf gives around a site (gzip on included), with every path in the temporary folder.
    private static string MainConfiguration(string root, IPAddress? connectFrom) => $$"""
        {{(Environment.UserName == "root" ? "user root;" : string.Empty)}}
        worker_processes 1;
        pid {{root}}/nginx.pid;
        error_log {{root}}/error.log info;
        events { worker_connections 512; }
        http {
            gzip on;
            gzip_types text/plain text/css application/javascript application/json text/event-stream;
            log_format upstreams '$upstream_addr|$request_method|$uri|$status|$http_user_agent';
            access_log {{root}}/access.log upstreams;
            client_body_temp_path {{root}}/client_body;
            proxy_temp_path {{root}}/proxy;
            fastcgi_temp_path {{root}}/fastcgi;
            uwsgi_temp_path {{root}}/uwsgi;
            scgi_temp_path {{root}}/scgi;
            {{(connectFrom is null ? string.Empty : $"proxy_bind {connectFrom};")}}
            include {{root}}/pushchat.conf;
        }
        """;

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + RawHttpClient.SafetyTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}{ErrorLog()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet: nginx is still reading its configuration.
                await Task.Delay(20);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"listen\s+[^;]+;")]
    private static partial Regex ListenLine();

    [GeneratedRegex(@"upstream\s+\w+\s*\{\n(?<servers>(?:\s*server\s+[^;]+;\n)+)")]
    private static partial Regex UpstreamBlock();
}
