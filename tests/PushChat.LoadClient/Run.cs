using System.Diagnostics;

namespace PushChat.LoadClient;

/// <summary>State shared by every reader of one client run.</summary>
internal sealed class Run
{
    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private readonly SemaphoreSlim _rampSlots;
    private ThreadLocal<LatencyHistogram> _latencies = new(() => new LatencyHistogram(), trackAllValues: true);
    private int _subscribed;
    private int _failed;
    private int _closed;

    public Run(ClientOptions options, ChatProtocol protocol)
    {
        Options = options;
        Protocol = protocol;
        _rampSlots = new SemaphoreSlim(options.RampConcurrency);
    }

    public ClientOptions Options { get; }

    public ChatProtocol Protocol { get; }

    public List<Reader> Readers { get; } = new();

    /// <summary>Completes when the run is over; slow readers wait on it without reading.</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Subscribed => Volatile.Read(ref _subscribed);

    public int Failed => Volatile.Read(ref _failed);

    public int ClosedCount => Volatile.Read(ref _closed);

    public string? FirstError { get; private set; }

    public Task WaitForRampSlotAsync() => _rampSlots.WaitAsync();

    public void OnSubscribed(Reader reader)
    {
        reader.IsSubscribed = true;
        Interlocked.Increment(ref _subscribed);
        _rampSlots.Release();
    }

    public void OnReaderError(Reader reader, Exception error)
    {
        if (!Finished.Task.IsCompleted)
        {
            FirstError ??= $"{reader.Name}: {error.Message}";
        }
    }

    public void OnReaderClosed(Reader reader)
    {
        Interlocked.Increment(ref _closed);
        if (!reader.IsSubscribed)
        {
            // Closed before it ever took part: a failed handshake frees its ramp slot.
            Interlocked.Increment(ref _failed);
            _rampSlots.Release();
        }
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
