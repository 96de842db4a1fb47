using System.Globalization;
using System.Net;
using PushChat.LoadClient.Tls;

namespace PushChat.LoadClient;

/// <summary>The client's command line: <c>--name value</c> pairs.</summary>
internal sealed class ClientOptions
{
    public string Transport { get; private set; } = "forever";

    /// <summary>
    /// The nodes of the chat under test (<c>--server a,b</c>): reader i subscribes to node
    /// <c>i mod nodes</c> and speaker i posts through node <c>i mod nodes</c>. One for a chat on one server.
    /// </summary>
    public IReadOnlyList<IPEndPoint> Servers { get; private set; } = new[] { new IPEndPoint(IPAddress.Loopback, 9148) };

    /// <summary>Each node's control port, in the order of <see cref="Servers"/>.</summary>
    public IReadOnlyList<IPEndPoint> Controls { get; private set; } = new[] { new IPEndPoint(IPAddress.Loopback, 9149) };

    /// <summary>The database server's main process, whose process tree's CPU is reported per phase; 0 when there is none.</summary>
    public int DatabasePid { get; private set; }

    public int Readers { get; private set; } = 1000;

    public double SlowFraction { get; private set; }

    /// <summary>Publishing phases, each "rate:size", run in order on the same readers.</summary>
    public IReadOnlyList<(double Rate, int Size)> Phases { get; private set; } = new[] { (100.0, 128) };

    public double Seconds { get; private set; } = 10;

    public double DrainSeconds { get; private set; } = 10;

    /// <summary>When positive: an idle hold of this many seconds instead of publishing.</summary>
    public double IdleSeconds { get; private set; }

    /// <summary>Unmeasured publishing before the first phase, so that measurements see jitted code.</summary>
    public double WarmupSeconds { get; private set; } = 3;

    /// <summary>Handshakes run at once during the ramp-up, each on a thread of its own (blocking sockets).</summary>
    public int RampConcurrency { get; private set; } = 64;

    /// <summary>Threads reading the streams, each with its own epoll set.</summary>
    public int ReaderThreads { get; private set; } = 1;

    /// <summary>
    /// People posting, each on its own keep-alive connection; post i is spoken by speaker i mod
    /// this. At 100 posts/s each of 256 posts every 2.6 s, a fast typist.
    /// </summary>
    public int Speakers { get; private set; } = 256;

    /// <summary>Bytes one read of a stream may take.</summary>
    public int ReceiveBufferBytes { get; private set; } = 64 * 1024;

    /// <summary>Buffer for one handshake's response head and the stream bytes that came with it.</summary>
    public int HandshakeBufferBytes { get; private set; } = 16 * 1024;

    public double SyncTimeoutSeconds { get; private set; } = 300;

    /// <summary>Stop after the first phase that loses lines or does not drain: heavier phases would only queue behind it.</summary>
    public bool StopWhenBehind { get; private set; } = true;

    /// <summary>
    /// When set (<c>--tls-thumbprint</c>, the SHA-256 hex of the server's certificate), every
    /// connection speaks TLS and trusts that certificate only; null for plain TCP.
    /// </summary>
    public TlsClientSettings? Tls { get; private set; }

    /// <summary>The loopback address this process's sockets connect from (<c>--source</c>), so several client processes never share one source's ephemeral ports.</summary>
    public IPAddress? Source { get; private set; }

    /// <summary>
    /// <c>solo</c> (the default: this process is the whole client), or one of several coordinated
    /// processes (<see cref="Coordination"/>): the <c>publisher</c> posts, speaks the sync lines and
    /// probes; a <c>listener</c> only reads.
    /// </summary>
    public string Role { get; private set; } = "solo";

    public bool Publishes => Role != "listener";

    /// <summary>Readers of every client process together, which each node must count in before measuring.</summary>
    public int? ChatReaders { get; private set; }

    /// <summary>Seconds between probes of fresh logins and posts during a phase (<see cref="Prober"/>); 0 for none.</summary>
    public double ProbeIntervalSeconds { get; private set; }

    /// <summary>Put before every guest name, so that several client processes' guests never share a name.</summary>
    public string NamePrefix { get; private set; } = string.Empty;

    public static ClientOptions Parse(string[] args)
    {
        var options = new ClientOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--transport": options.Transport = value; break;
                case "--server": options.Servers = EndPoints(value); break;
                case "--control": options.Controls = EndPoints(value); break;
                case "--database-pid": options.DatabasePid = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--readers": options.Readers = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--slow-fraction": options.SlowFraction = Number(value); break;
                case "--phases": options.Phases = ParsePhases(value); break;
                case "--seconds": options.Seconds = Number(value); break;
                case "--drain": options.DrainSeconds = Number(value); break;
                case "--warmup": options.WarmupSeconds = Number(value); break;
                case "--idle": options.IdleSeconds = Number(value); break;
                case "--ramp-concurrency": options.RampConcurrency = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--receive-buffer": options.ReceiveBufferBytes = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--reader-threads": options.ReaderThreads = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--speakers": options.Speakers = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--sync-timeout": options.SyncTimeoutSeconds = Number(value); break;
                case "--tls-thumbprint": options.Tls = new TlsClientSettings(value); break;
                case "--stop-when-behind": options.StopWhenBehind = bool.Parse(value); break;
                case "--source": options.Source = IPAddress.Parse(value); break;
                case "--role": options.Role = value is "solo" or "publisher" or "listener" ? value : throw new ArgumentException($"Unknown role '{value}' (solo, publisher, listener)."); break;
                case "--chat-readers": options.ChatReaders = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--probe-interval": options.ProbeIntervalSeconds = Number(value); break;
                case "--name-prefix": options.NamePrefix = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (options.Controls.Count != options.Servers.Count)
        {
            throw new ArgumentException($"{options.Servers.Count} servers need as many control ports, not {options.Controls.Count}.");
        }

        return options;
    }

    /// <summary>The node that reader or speaker <paramref name="index"/> uses: the nodes in turn, so each serves an equal share.</summary>
    public IPEndPoint NodeOf(int index) => Servers[index % Servers.Count];

    private static IPEndPoint[] EndPoints(string value) => value
        .Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(IPEndPoint.Parse)
        .ToArray();

    private static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    private static (double, int)[] ParsePhases(string value) => value
        .Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(phase => phase.Split(':'))
        .Select(parts => (Number(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture)))
        .ToArray();
}
