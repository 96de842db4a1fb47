using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PushChat.LoadClient;

/// <summary>
/// Asks the nodes, during a measured phase, whether they still answer people who arrive: every
/// interval a fresh guest logs in on the next node in turn (timed to the login's answer), then
/// posts once on the same connection (timed to the answer, whatever its status: a guest that has
/// opened no stream has not joined, and a node refuses its line only after catching up with the
/// backplane). Its lines never reach the readers, so the fan-out measured is unchanged.
/// </summary>
internal sealed class Prober
{
    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private readonly ClientOptions _options;
    private readonly string _namePrefix;
    private readonly LatencyHistogram _logins = new();
    private readonly LatencyHistogram _posts = new();
    private readonly Dictionary<int, long> _statuses = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _failed;
    private int _next;

    /// <param name="options">The client's options.</param>
    /// <param name="phase">Part of every probe guest's name, so that no phase's guest meets an earlier phase's still in the chat.</param>
    public Prober(ClientOptions options, string phase)
    {
        _options = options;
        _namePrefix = options.NamePrefix + "p" + phase + "x";
    }

    public void Start()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "prober" };
        _thread.Start();
    }

    /// <summary>Stops after the probe under way and returns what was seen.</summary>
    public ProbeResult Stop()
    {
        _stop.Cancel();
        _thread?.Join();
        return new ProbeResult
        {
            Logins = _logins.Count,
            LoginsFailed = _failed,
            LoginP50Ms = _logins.Percentile(50) / 1000.0,
            LoginP99Ms = _logins.Percentile(99) / 1000.0,
            LoginMaxMs = _logins.Max / 1000.0,
            Posts = _posts.Count,
            PostP50Ms = _posts.Percentile(50) / 1000.0,
            PostP99Ms = _posts.Percentile(99) / 1000.0,
            PostMaxMs = _posts.Max / 1000.0,
            PostStatuses = new Dictionary<int, long>(_statuses),
        };
    }

    private void Loop()
    {
        var interval = TimeSpan.FromSeconds(_options.ProbeIntervalSeconds);
        while (!_stop.Token.WaitHandle.WaitOne(interval))
        {
            try
            {
                ProbeOnce(_options.NodeOf(_next), _namePrefix + _next.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException)
            {
                _failed++;
            }

            _next++;
        }
    }

    private void ProbeOnce(IPEndPoint node, string name)
    {
        using var connection = new BufferedSocket(16 * 1024, TimeSpan.FromSeconds(_options.SyncTimeoutSeconds));
        var start = Stopwatch.GetTimestamp();
        connection.Connect(node, _options.Source);
        connection.Send(ChatProtocol.FormPost("/login", $"name={name}&password="));
        var login = connection.ReadHead();
        connection.Skip(login.ContentLength);
        var location = login["Location"];
        var at = location?.IndexOf("sid=", StringComparison.Ordinal) ?? -1;
        if (login.Status != 303 || at < 0)
        {
            throw new InvalidDataException($"Login of {name} answered {login.Status}.");
        }

        _logins.Record((long)((Stopwatch.GetTimestamp() - start) * MicrosPerTick));
        var session = new SessionKey(location!.Substring(at + 4), SessionKey.CookieOf(login["Set-Cookie"]));
        start = Stopwatch.GetTimestamp();
        connection.Send(ChatProtocol.FormPost("/say", $"sid={session.Id}&text=probe", session));
        var answer = connection.ReadHead();
        connection.Skip(answer.ContentLength);
        _posts.Record((long)((Stopwatch.GetTimestamp() - start) * MicrosPerTick));
        _statuses[answer.Status] = _statuses.GetValueOrDefault(answer.Status) + 1;
    }
}
