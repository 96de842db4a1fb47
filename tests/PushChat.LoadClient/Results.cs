namespace PushChat.LoadClient;

/// <summary>One publishing phase of a fan-out run, as printed after <c>RESULT</c>.</summary>
public sealed record PhaseResult
{
    public required string Transport { get; init; }
    public required int Readers { get; init; }
    public required int SlowReaders { get; init; }
    public required int Speakers { get; init; }
    public required double Rate { get; init; }
    public required int Size { get; init; }
    public required double Seconds { get; init; }
    public required long Posts { get; init; }
    public required long PostsRejected { get; init; }
    public required long PostsUnanswered { get; init; }
    public required double PostP50Ms { get; init; }
    public required double PostP99Ms { get; init; }
    public required double PostMaxMs { get; init; }
    public required long Expected { get; init; }
    public required long Delivered { get; init; }
    public required long Lost { get; init; }
    public required long OutOfOrder { get; init; }
    public required long Inconsistent { get; init; }
    public required bool Drained { get; init; }
    public required double DeliveredPerSecond { get; init; }

    /// <summary>Stream bytes the counted readers received over the phase, after their response heads, framing included.</summary>
    public long ReceivedBytes { get; init; }

    /// <summary><see cref="ReceivedBytes"/> per delivered line: what one line costs on the wire in the server's format.</summary>
    public double BytesPerLine { get; init; }
    public required double P50Ms { get; init; }
    public required double P99Ms { get; init; }
    public required double P999Ms { get; init; }
    public required double MaxMs { get; init; }
    public required double ServerCpuSeconds { get; init; }
    public required double ServerCpuMicrosPerLine { get; init; }
    public required double ClientCpuSeconds { get; init; }
    public required double ClientCpuMicrosPerLine { get; init; }
    public required long ServerPoolPendingMax { get; init; }
    public required long ServerGcCount { get; init; }
    public long ServerGen1Count { get; init; }
    public long ServerGen2Count { get; init; }

    /// <summary>Managed bytes the server allocated over the phase (all threads), divided by the lines delivered.</summary>
    public double ServerAllocatedBytesPerLine { get; init; }
    public required double ServerGcPauseMs { get; init; }
    public required long ServerRssStartKb { get; init; }
    public required long ServerRssMaxKb { get; init; }
    public required long ServerRssEndKb { get; init; }
    public required long ServerManagedEndBytes { get; init; }

    /// <summary>What the server's collector had committed at the end of the phase (as of its last collection).</summary>
    public long ServerCommittedEndBytes { get; init; }

    /// <summary>The server's RSS before any reader connected (all nodes), so that what the readers cost can be told from what the process costs.</summary>
    public long ServerRssBeforeReadersKb { get; init; }
    public required long DroppedSlowReaders { get; init; }
    public required double RampSeconds { get; init; }

    /// <summary>The status of the last refused post; 0 when none was.</summary>
    public int RefusedStatus { get; init; }

    /// <summary>Nodes of the chat under test (1 for a server on its own).</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Each node process's CPU over the phase, in node order.</summary>
    public double[] NodeCpuSeconds { get; init; } = Array.Empty<double>();

    /// <summary>Lines delivered by each node's readers over the phase, in node order.</summary>
    public long[] NodeDelivered { get; init; } = Array.Empty<long>();

    /// <summary>The database server's CPU over the phase (all its processes); -1 without a database.</summary>
    public double DatabaseCpuSeconds { get; init; } = -1;

    /// <summary>Bytes per delivered line, to two decimals; 0 when nothing was delivered.</summary>
    public static double PerLine(long bytes, long lines) => lines > 0 ? Math.Round(bytes / (double)lines, 2) : 0;

    /// <summary>Each node process's resident memory at the phase's end, in node order.</summary>
    public long[] NodeRssKb { get; init; } = Array.Empty<long>();

    /// <summary>Delivery latencies as <see cref="LatencyHistogram.ToBuckets"/>: several client processes' phases merge exactly.</summary>
    public long[] LatencyBuckets { get; init; } = Array.Empty<long>();

    /// <summary>Post answer latencies as <see cref="LatencyHistogram.ToBuckets"/>.</summary>
    public long[] PostBuckets { get; init; } = Array.Empty<long>();

    /// <summary>Open readers by the hash of the order they received lines in (the most common few): merged, the readers that differ.</summary>
    public Dictionary<long, long> OrderHashes { get; init; } = new();

    /// <summary>Readers whose stream was still open at the phase's end.</summary>
    public long OpenReaders { get; init; }

    /// <summary>Logins the nodes answered 503 during the ramp-up, each sent again.</summary>
    public long LoginsRefused { get; init; }

    /// <summary>Every node's CPU together over the ramp-up (the logins and joins of every reader, applied on every node).</summary>
    public double RampNodeCpuSeconds { get; init; } = -1;

    /// <summary>The database's CPU over the ramp-up; -1 without a database.</summary>
    public double RampDatabaseCpuSeconds { get; init; } = -1;

    /// <summary>Fresh logins and posts probed during the phase; null when no prober ran.</summary>
    public ProbeResult? Probe { get; init; }
}

/// <summary>An idle hold, as printed after <c>IDLE</c>.</summary>
public sealed record IdleResult
{
    public required string Transport { get; init; }
    public required int Readers { get; init; }
    public required double HoldSeconds { get; init; }
    public required double RampSeconds { get; init; }
    public required long RssBeforeKb { get; init; }
    public required long RssAfterKb { get; init; }
    public required long ManagedBeforeBytes { get; init; }
    public required long ManagedAfterBytes { get; init; }
    public required double RssBytesPerConnection { get; init; }
    public required double ManagedBytesPerConnection { get; init; }
    public required double IdleCpuPercent { get; init; }

    /// <summary>The server's RSS at the end of the hold, before anything forced a collection.</summary>
    public long RssHeldKb { get; init; }
    public long ManagedHeldBytes { get; init; }

    /// <summary>What the collector had committed (as of its last collection): at the end of the hold, before the ramp, after the forced collection.</summary>
    public long CommittedHeldBytes { get; init; }
    public long CommittedBeforeBytes { get; init; }
    public long CommittedAfterBytes { get; init; }

    /// <summary>The RSS at the end of the hold ÷ readers: the whole process, as the OS reports it.</summary>
    public double HeldRssBytesPerReader { get; init; }

    /// <summary>Growth from before the ramp to the end of the hold ÷ readers, nothing collected by force.</summary>
    public double HeldRssGrowthBytesPerReader { get; init; }
    public double HeldManagedGrowthBytesPerReader { get; init; }
    public double HeldCommittedGrowthBytesPerReader { get; init; }
}
