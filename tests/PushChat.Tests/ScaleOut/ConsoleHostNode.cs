using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.ScaleOut;

/// <summary>
/// One ConsoleHost process as a node of a chat shared through PostgreSQL (<c>--postgres</c>,
/// <c>--node-id</c>), on a port of its own, reached over real sockets by one browser (a
/// <see cref="CookieJar"/> shared by every node, as behind a load balancer). Its output is read
/// all along, so a talkative node never blocks on a full pipe, and is kept for failure messages.
/// </summary>
internal sealed partial class ConsoleHostNode : IAsyncDisposable
{
    /// <summary>Short timings, so that a lost node and its users are noticed within seconds.</summary>
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How often a node says it is alive; shorter than <see cref="NodeTimeout"/>.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long users of a lost node may come back through another before they leave.</summary>
    public static readonly TimeSpan LeaveGracePeriod = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConsoleHostNode(Process process, string name, CookieJar browser)
    {
        _process = process;
        Name = name;
        Browser = browser;
    }

    /// <summary>The node's id (<c>--node-id</c>).</summary>
    public string Name { get; }

    /// <summary>The browser's cookies, the same for every node of a test.</summary>
    public CookieJar Browser { get; }

    /// <summary>Where the node listens.</summary>
    public IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a node on <paramref name="connectionString"/>'s database with the short timings,
    /// and returns once it answers <c>/health</c>.
    /// </summary>
    public static async Task<ConsoleHostNode> StartAsync(string connectionString, string name, CookieJar browser, params string[] more)
    {
        string[] args =
        [
            "--port", "0", "--postgres", connectionString, "--node-id", name,
            "--Chat:Postgres:NodeTimeout", Duration(NodeTimeout),
            "--Chat:Postgres:HeartbeatInterval", Duration(HeartbeatInterval),
            "--Chat:Postgres:PollInterval", "00:00:00.200",
            "--Chat:LeaveGracePeriod", Duration(LeaveGracePeriod),

            // Every user of a test posts from 127.0.0.1; a burst must not meet the per-address flood limit.
            "--Chat:Limits:MaxLinesPerAddress", "1000",
            .. more,
        ];
        var node = new ConsoleHostNode(StartProcess(args), name, browser);
        try
        {
            await node.WaitUntilServingAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs ConsoleHost with <paramref name="args"/> until it exits; returns its exit code and error output.</summary>
    public static Task<(int ExitCode, string Errors, string Output)> RunToExitAsync(params string[] args) =>
        RunToExitAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs ConsoleHost with <paramref name="args"/> and more environment variables until it exits.</summary>
    public static async Task<(int ExitCode, string Errors, string Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = StartProcess(args, environment);
        using var timeout = new CancellationTokenSource(StartPatience);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await errors, await output);
    }

    /// <summary>Ends the process at once, as a crash or a pulled cable would: no goodbye to the others.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Sends one request on a connection of its own and reads the answer.</summary>
    public async Task<RawResponse> RequestAsync(string raw)
    {
        await using var client = await ConnectAsync();
        await client.SendAsync(raw);
        return await client.ReadResponseAsync();
    }

    /// <summary>A connection carrying the browser's cookies.</summary>
    public async Task<RawHttpClient> ConnectAsync()
    {
        var client = await RawHttpClient.ConnectAsync(EndPoint);
        client.Cookies = Browser;
        return client;
    }

    /// <summary>Logs in through this node; a guest when <paramref name="password"/> is empty.</summary>
    public Task<RawResponse> LoginAsync(string name, string password = "") =>
        RequestAsync(ChatTestServer.Post(ChatRoutes.Login, $"name={Uri.EscapeDataString(name)}&password={Uri.EscapeDataString(password)}"));

    /// <summary>Registers an account through this node.</summary>
    public Task<RawResponse> RegisterAsync(string name, string password) =>
        RequestAsync(ChatTestServer.Post(ChatRoutes.Register, $"name={Uri.EscapeDataString(name)}&password={Uri.EscapeDataString(password)}&confirm={Uri.EscapeDataString(password)}"));

    /// <summary>Posts a line of the session through this node.</summary>
    public Task<RawResponse> SayAsync(string sid, string text) =>
        RequestAsync(ChatTestServer.Post(ChatRoutes.Say, $"sid={sid}&text={Uri.EscapeDataString(text)}"));

    /// <summary>Logs in through this node (a guest without a password) and opens the chat frame here, once the join arrived.</summary>
    public async Task<(string Sid, RawHttpClient Chat)> EnterAsync(string name, string password = "")
    {
        var login = await LoginAsync(name, password);
        Assert.AreEqual(303, login.Status, $"login of {name} through {Name}: {login.Body}");
        var sid = SessionOf(login);
        return (sid, await OpenChatAsync(sid, $"{name} joined."));
    }

    /// <summary>Opens the classic chat frame of a session on this node and reads until <paramref name="until"/> arrived.</summary>
    public async Task<RawHttpClient> OpenChatAsync(string sid, string until)
    {
        var chat = await ConnectAsync();
        await chat.SendAsync(ChatTestServer.Get($"{ChatRoutes.Chat}?sid={sid}"));
        var head = await chat.ReadResponseAsync();
        Assert.AreEqual(200, head.Status, $"chat frame on {Name}");
        await chat.ReadStreamUntilAsync(until);
        return chat;
    }

    /// <summary>The session id a redirect into the chat carries.</summary>
    public static string SessionOf(RawResponse response)
    {
        var match = SessionInLocation().Match(response.Headers["Location"]);
        Assert.IsTrue(match.Success, response.Headers["Location"]);
        return match.Groups[1].Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Process StartProcess(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(TestPaths.RepositoryRoot(), "samples", "ConsoleHost", "bin",
#if DEBUG
            "Debug",
#else
            "Release",
#endif
            "net10.0", "ConsoleHost.dll");
        Assert.IsTrue(File.Exists(dll), $"ConsoleHost was not built: {dll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    private async Task WaitUntilServingAsync()
    {
        _process.OutputDataReceived += (_, line) => Keep(line.Data, announcesUrl: true);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data, announcesUrl: false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartPatience);
        var exited = _process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(_url.Task, exited) != _url.Task)
        {
            await exited;
            Assert.Fail($"Node {Name} exited with {_process.ExitCode} before it listened:\n{Output}");
        }

        var url = await _url.Task;
        EndPoint = new IPEndPoint(IPAddress.Loopback, url.Port);

        // Listening is not serving yet under load: the node answers /health once it is.
        while (true)
        {
            try
            {
                if ((await RequestAsync(ChatTestServer.Get(ChatRoutes.Health))).Status == 200)
                {
                    return;
                }
            }
            catch (IOException)
            {
                // Not answering yet.
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private void Keep(string? line, bool announcesUrl)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (announcesUrl && RunningLine().Match(line) is { Success: true } match)
        {
            _url.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static string Duration(TimeSpan value) => value.ToString("c", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("open (https?://\\S+) in a browser")]
    private static partial Regex RunningLine();

    [GeneratedRegex("sid=([A-Za-z0-9_-]+)")]
    private static partial Regex SessionInLocation();
}
