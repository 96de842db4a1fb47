using System.Globalization;
using PushChat.Benchmarks.Serving;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>The orchestrator's command line (see README.md).</summary>
internal sealed class BenchOptions
{
    public string Scenario { get; private set; } = "fanout";

    public IReadOnlyList<string> Servers { get; private set; } = ServerKinds.Default;

    public int? Readers { get; private set; }

    public double? Rate => Rates?[0];

    /// <summary>Posts per second of each phase, in order (<c>--rate 100,200</c> measures both with the same readers).</summary>
    public IReadOnlyList<double>? Rates { get; private set; }

    public int? Size { get; private set; }

    public double? Seconds { get; private set; }

    public double Drain { get; private set; } = 10;

    public bool Quick { get; private set; }

    public int History { get; private set; } = 100;

    public int QueueBytes { get; private set; } = 256 * 1024;

    public double SlowFraction { get; private set; } = 0.01;

    /// <summary>Speakers posting, each on its own keep-alive connection (the load client's default when unset).</summary>
    public int? Speakers { get; private set; }

    /// <summary>The load client's epoll reader threads (its default when unset).</summary>
    public int? ReaderThreads { get; private set; }

    /// <summary>
    /// PushChat's <c>StreamOpenTimeout</c> in seconds, when set (the product default otherwise): a
    /// diagnostic, to measure a scaled-out chat's steady state past sessions the sweeper removes
    /// because their stream's opening had not come back through the backplane in time.
    /// </summary>
    public double? StreamOpenTimeout { get; private set; }

    /// <summary>
    /// The garbage collector settings of the server processes (<see cref="GcProfiles"/>): "default" is the
    /// program's runtimeconfig.json (workstation, concurrent), as every published run before this option.
    /// </summary>
    public string Gc { get; private set; } = "default";

    /// <summary>Node processes of the nodes scenario (6 when unset).</summary>
    public int? Nodes { get; private set; }

    /// <summary>Load-client processes of the nodes scenario, each on a loopback address of its own (6 when unset).</summary>
    public int? Clients { get; private set; }

    public string? Out { get; private set; }

    public bool Save { get; private set; } = true;

    public IReadOnlyList<string> Arguments { get; private set; } = Array.Empty<string>();

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { Arguments = args };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--scenario": options.Scenario = Next(); break;
                case "--smoke": options.Scenario = "smoke"; break;
                case "--quick": options.Quick = true; break;
                case "--no-save": options.Save = false; break;
                case "--servers": options.Servers = Known(Next().Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--readers": options.Readers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rate": options.Rates = Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Number).ToArray(); break;
                case "--size": options.Size = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seconds": options.Seconds = Number(Next()); break;
                case "--drain": options.Drain = Number(Next()); break;
                case "--history": options.History = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--queue-bytes": options.QueueBytes = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--slow-fraction": options.SlowFraction = Number(Next()); break;
                case "--speakers": options.Speakers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--reader-threads": options.ReaderThreads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--stream-open-timeout": options.StreamOpenTimeout = Number(Next()); break;
                case "--gc": options.Gc = Next(); _ = GcProfiles.Environment(options.Gc); break;
                case "--nodes": options.Nodes = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--clients": options.Clients = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--out": options.Out = Next(); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return options;
    }

    private static string[] Known(string[] servers) =>
        servers.FirstOrDefault(s => !ServerKinds.All.Contains(s)) is { } unknown ? throw ServerKinds.Unknown(unknown) : servers;

    private static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
