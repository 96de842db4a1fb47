using System.Diagnostics;

namespace PushChat.LoadClient;

/// <summary>State shared by every reader of one client run.</summary>
internal sealed class Run
{
    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private ThreadLocal<LatencyHistogram> _latencies = new(() => new LatencyHistogram(), trackAllValues: true);
    private int _subscribed;
    private int _failed;
    private int _closed;
    private int _brokenReported;
    private int _loginsRefused;

    public Run(ClientOptions options, ChatProtocol protocol)
    {
        Options = options;
        Protocol = protocol;
        Table = new Reader?[options.Readers];
    }

    public ClientOptions Options { get; }

    public ChatProtocol Protocol { get; }

    /// <summary>Every reader by index, filled in as they subscribe.</summary>
    public Reader?[] Table { get; }

    public IEnumerable<Reader> Readers => Table.Where(r => r is not null && r.IsSubscribed)!;

    public int Subscribed => Volatile.Read(ref _subscribed);

    public int Failed => Volatile.Read(ref _failed);

    public int ClosedCount => Volatile.Read(ref _closed);

    public string? FirstError { get; private set; }

    /// <summary>Logins answered 503 and sent again during the ramp-up.</summary>
    public int LoginsRefused => Volatile.Read(ref _loginsRefused);

    public void OnLoginRefused() => Interlocked.Increment(ref _loginsRefused);

    public void OnSubscribed(Reader reader)
    {
        reader.IsSubscribed = true;
        Interlocked.Increment(ref _subscribed);
    }

    public void OnReaderFailed(Reader reader, Exception error)
    {
        FirstError ??= $"{reader.Name}: {error.Message}";
        Interlocked.Increment(ref _failed);
    }

    /// <summary>A subscribed reader's stream broke its transport's rules: said once, then counted as closed.</summary>
    public void OnStreamBroken(Reader reader, Exception error)
    {
        if (Interlocked.Exchange(ref _brokenReported, 1) == 0)
        {
            Console.WriteLine($"# {reader.Name}: {error.Message} (further broken streams not shown)");
        }
    }

    public void OnReaderClosed(Reader reader)
    {
        Volatile.Write(ref reader.Closed, true);
        Interlocked.Increment(ref _closed);
    }

    public void Record(long ticks) => _latencies.Value!.Record((long)(ticks * MicrosPerTick));

    /// <summary>Starts a fresh set of latency histograms and returns the merged previous set.</summary>
    public LatencyHistogram SwapLatencies()
    {
        var previous = Interlocked.Exchange(ref _latencies, new ThreadLocal<LatencyHistogram>(() => new LatencyHistogram(), trackAllValues: true));
        var merged = new LatencyHistogram();
        foreach (var histogram in previous.Values)
        {
            merged.Add(histogram);
        }

        return merged;
    }
}
