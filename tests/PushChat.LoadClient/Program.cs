using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using PushChat.LoadClient;

// The load-generating client: subscribes N readers to one server (each its own session where
// the server has sessions), reads them all through epoll as a browser fleet would, publishes
// open-loop through speakers posting as browsers do, counts every delivery and times every
// answer, and prints one RESULT (or IDLE) line of JSON per phase. Progress lines start with "#".
// Runs in its own process so that the server's open-file budget holds only the server's sockets.
var options = ClientOptions.Parse(args);
var protocol = ChatProtocol.For(options.Transport);
var run = new Run(options, protocol);
var nodes = new NodeGroup(options.Controls);
var database = options.DatabasePid > 0 ? new ProcessTreeCpu(options.DatabasePid) : null;
var json = new JsonSerializerOptions { WriteIndented = false };
var loops = Enumerable.Range(0, options.ReaderThreads).Select(i => new ReaderLoop(i, run.Table, options.ReceiveBufferBytes, run)).ToArray();
var coordination = new Coordination(options.Role != "solo");
var consistentSoFar = true;
(double Nodes, double Database) rampCpu = (-1, -1);
return await MainAsync().ConfigureAwait(false);

async Task<int> MainAsync()
{
    // Not collected: the idle figures are what the process holds on its own, as a host runs it.
    var before = NodeGroup.Sum(nodes.Each());
    var rampWatch = Stopwatch.StartNew();
    var (rampNodesStart, rampDatabaseStart) = (NodeGroup.Sum(nodes.Each()).CpuMicros, database?.Total());
    if (!Ramp())
    {
        Console.WriteLine($"ERROR {run.Failed} readers could not subscribe; first: {run.FirstError}");
        return 2;
    }

    Console.WriteLine($"# {options.Readers} readers subscribed in {rampWatch.Elapsed.TotalSeconds:F1} s{(run.LoginsRefused > 0 ? $"; {run.LoginsRefused} logins were answered 503 and sent again" : string.Empty)}");
    if (options.Tls is not null)
    {
        Console.WriteLine($"# over TLS: {run.Table[0]?.Connection.Tls?.Protocol}, certificate pinned by its SHA-256 thumbprint");
    }

    coordination.Barrier("ramped");

    // PushChat's speakers post as sessions that readers opened (a person reads and talks); the
    // baselines have no sessions.
    var speakers = Enumerable.Range(0, options.Publishes ? options.Speakers : 0)
        .Select(i => new Speaker(i, protocol, protocol.SpeakersAreSessions ? run.Table[i % options.Readers]!.Session : null, TimeSpan.FromSeconds(options.SyncTimeoutSeconds), options.Tls))
        .ToArray();
    using var publisher = new Publisher(speakers, protocol);
    publisher.Connect(options);

    // Everything queued during the ramp (PushChat announces every join to everyone) must be
    // delivered before measuring: a sync line reaches each reader after all of it.
    long syncId = 1;
    if (!await SyncAsync(publisher, syncId).ConfigureAwait(false))
    {
        return 3;
    }

    if (!await NodeChecks.AllJoinedAsync(nodes, run, options).ConfigureAwait(false))
    {
        return 3;
    }

    var rampSeconds = rampWatch.Elapsed.TotalSeconds;
    rampCpu = ((NodeGroup.Sum(nodes.Each()).CpuMicros - rampNodesStart) / 1e6, (database?.Total() - rampDatabaseStart)?.TotalSeconds ?? -1);
    Console.WriteLine($"# ramp-up drained in {rampSeconds:F1} s");

    if (options.IdleSeconds > 0)
    {
        return await IdleAsync(before, rampSeconds).ConfigureAwait(false);
    }

    long sequence = 1;
    if (options.WarmupSeconds > 0 && options.Phases.Count > 0)
    {
        // Unmeasured: lets both processes' JIT reach steady code before the first measurement.
        var (firstRate, firstSize) = options.Phases[0];
        var warmRate = Math.Min(Math.Max(firstRate, 20), 100);
        var warmPosts = (long)Math.Ceiling(warmRate * options.WarmupSeconds);
        if (options.Publishes && !publisher.RunOpenLoop(sequence, warmPosts, warmRate, firstSize, options.WarmupSeconds + options.DrainSeconds))
        {
            Console.WriteLine($"ERROR warm-up posts went unanswered{(publisher.Error is { } error ? ": " + error : string.Empty)}");
            return 3;
        }

        publisher.TakeAnswers();
        sequence += warmPosts;
        if (!await SyncAsync(publisher, ++syncId).ConfigureAwait(false))
        {
            return 3;
        }
    }

    var phasesRun = 0;
    foreach (var (rate, size) in options.Phases)
    {
        var result = await PhaseAsync(publisher, sequence, rate, size, rampSeconds, before.RssKb).ConfigureAwait(false);
        sequence += result.Posts;
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result, json));
        if (result.PostsUnanswered > 0)
        {
            Console.WriteLine($"# stopping: {result.PostsUnanswered} posts still unanswered at {rate}/s");
            break;
        }

        if (options.StopWhenBehind && (result.Lost > 0 || !result.Drained))
        {
            Console.WriteLine($"# stopping: {result.Lost} lines lost at {rate}/s; heavier phases would queue behind them");
            break;
        }

        // Coordinated processes end together after the last phase, none waiting for a sync line another will not send.
        if ((options.Role != "solo" && ++phasesRun == options.Phases.Count) || !await SyncAsync(publisher, ++syncId).ConfigureAwait(false))
        {
            break;
        }
    }

    return 0;
}

// Handshakes on blocking sockets, a bounded number at once, each on its own thread; a reader
// joins a reader loop once subscribed (slow readers never do).
bool Ramp()
{
    var slowCount = (int)Math.Round(options.Readers * options.SlowFraction);
    var slowEvery = slowCount > 0 ? options.Readers / slowCount : 0;
    var next = -1;
    var threads = Enumerable.Range(0, Math.Min(options.RampConcurrency, options.Readers)).Select(_ => new Thread(() =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < options.Readers && run.Failed == 0)
        {
            var slow = slowEvery > 0 && i % slowEvery == slowEvery - 1 && i / slowEvery < slowCount;
            var reader = new Reader(i, counted: !slow, slow, run);
            run.Table[i] = reader;
            try
            {
                reader.Subscribe(options.NodeOf(i));
                reader.Connection.ReleaseBuffer();
                run.OnSubscribed(reader);
                if (!slow)
                {
                    loops[i % loops.Length].Add(reader);
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException)
            {
                run.OnReaderFailed(reader, ex);
                reader.Dispose();
            }
        }
    }) { IsBackground = true }).ToArray();
    foreach (var thread in threads)
    {
        thread.Start();
    }

    var watch = Stopwatch.StartNew();
    foreach (var thread in threads)
    {
        while (!thread.Join(5000))
        {
            Console.WriteLine($"# {run.Subscribed} readers subscribed ({watch.Elapsed.TotalSeconds:F0} s)");
        }
    }

    return run.Failed == 0;
}

async Task<bool> SyncAsync(Publisher publisher, long id)
{
    // Of several client processes, one speaks the sync lines; every one waits for its readers.
    var status = options.Publishes ? publisher.PostSync(id) : 200;
    var refusedFor = Stopwatch.StartNew();
    while (status == 409 && refusedFor.Elapsed.TotalSeconds < options.SyncTimeoutSeconds)
    {
        // A node of a scaled-out chat takes a post only once the session's join, which its
        // stream's opening sends through the backplane, has come back applied: after a crowd
        // arrived at once, that can take a while. A person would send again; so does the sync.
        await Task.Delay(100).ConfigureAwait(false);
        status = publisher.PostSync(id);
        if (status != 409)
        {
            Console.WriteLine($"# sync line {id} was refused (409: the session had not joined yet) for {refusedFor.Elapsed.TotalSeconds:F1} s");
        }
    }

    if (status >= 400)
    {
        Console.WriteLine($"ERROR sync line {id} was refused: {status}");
        return false;
    }

    var watch = Stopwatch.StartNew();
    var lastReport = 0.0;
    while (true)
    {
        var waiting = run.Readers.Count(r => !r.Slow && !Volatile.Read(ref r.Closed) && Volatile.Read(ref r.SyncId) < id);
        if (waiting == 0)
        {
            return true;
        }

        if (watch.Elapsed.TotalSeconds > options.SyncTimeoutSeconds)
        {
            Console.WriteLine($"ERROR {waiting} readers did not receive sync line {id} within {options.SyncTimeoutSeconds} s");
            return false;
        }

        if (watch.Elapsed.TotalSeconds - lastReport >= 5)
        {
            lastReport = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"# waiting for {waiting} readers to drain ({lastReport:F0} s)");
        }

        await Task.Delay(20).ConfigureAwait(false);
    }
}

async Task<PhaseResult> PhaseAsync(Publisher publisher, long firstSequence, double rate, int size, double rampSeconds, long rssBeforeReadersKb)
{
    coordination.Barrier("phase " + firstSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
    var counted = run.Readers.Where(r => r.Counted).ToArray();
    var receivedBefore = counted.Sum(r => Volatile.Read(ref r.Received));
    var bytesBefore = counted.Sum(r => Volatile.Read(ref r.ReceivedBytes));
    var receivedBeforeByNode = ReceivedByNode(counted);
    var receivedBeforeEach = counted.Select(r => Volatile.Read(ref r.Received)).ToArray();
    var outOfOrderBefore = counted.Sum(r => r.OutOfOrder);
    var rejectedBefore = publisher.Rejected;
    var answeredBefore = publisher.Answered;
    var posts = Math.Max(1, (long)Math.Round(rate * options.Seconds));
    var expected = posts * counted.Length;
    run.SwapLatencies();
    var startEach = nodes.Each();
    var start = NodeGroup.Sum(startEach);
    var databaseStart = database?.Total();
    var clientCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    var rssMax = start.RssKb;
    var poolPendingMax = start.PoolPending;
    var watch = Stopwatch.StartNew();

    var publishing = new Thread(() => _ = options.Publishes && publisher.RunOpenLoop(firstSequence, posts, rate, size, options.Seconds + options.DrainSeconds)) { IsBackground = true, Name = "publisher" };
    var prober = options.Publishes && options.ProbeIntervalSeconds > 0 ? new Prober(options, firstSequence.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
    publishing.Start();
    prober?.Start();
    var nextSample = 0.5;
    long delivered;
    while (true)
    {
        delivered = counted.Sum(r => Volatile.Read(ref r.Received)) - receivedBefore;
        var published = !publishing.IsAlive;
        if (published && delivered >= expected)
        {
            break;
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        if (elapsed >= nextSample)
        {
            nextSample += 0.5;
            var sample = NodeGroup.Sum(nodes.Each());
            rssMax = Math.Max(rssMax, sample.RssKb);
            poolPendingMax = Math.Max(poolPendingMax, sample.PoolPending);
        }

        if (elapsed > options.Seconds + options.DrainSeconds + 1)
        {
            break;
        }

        await Task.Delay(published ? 5 : 50).ConfigureAwait(false);
    }

    var seconds = watch.Elapsed.TotalSeconds;
    var endEach = nodes.Each();
    var end = NodeGroup.Sum(endEach);
    var databaseCpu = database?.Total() - databaseStart;
    var receivedByNode = ReceivedByNode(counted);
    var receivedBytes = counted.Sum(r => Volatile.Read(ref r.ReceivedBytes)) - bytesBefore;
    var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpuStart;
    var latencies = run.SwapLatencies();
    var probe = prober?.Stop();
    publishing.Join();
    var answers = publisher.TakeAnswers();
    var answered = publisher.Answered - answeredBefore;
    var cpuSeconds = (end.CpuMicros - start.CpuMicros) / 1e6;
    var drained = delivered >= expected;
    if (!drained)
    {
        NodeChecks.DescribeShortfall(counted, receivedBeforeEach, posts);
    }
    return new PhaseResult
    {
        Transport = protocol.Name,
        Readers = counted.Length,
        SlowReaders = run.Readers.Count(r => r.Slow),
        Speakers = options.Speakers,
        Rate = rate,
        Size = size,
        Seconds = Math.Round(seconds, 2),
        Posts = posts,
        PostsRejected = publisher.Rejected - rejectedBefore,
        PostsUnanswered = options.Publishes ? posts - answered : 0,
        PostP50Ms = answers.Percentile(50) / 1000.0,
        PostP99Ms = answers.Percentile(99) / 1000.0,
        PostMaxMs = answers.Max / 1000.0,
        Expected = expected,
        Delivered = delivered,
        Lost = Math.Max(0, expected - delivered),
        OutOfOrder = counted.Sum(r => r.OutOfOrder) - outOfOrderBefore,
        Inconsistent = drained ? Inconsistent(counted) : -1,
        Drained = drained,
        DeliveredPerSecond = Math.Round(delivered / Math.Max(seconds, options.Seconds)),
        ReceivedBytes = receivedBytes,
        BytesPerLine = PhaseResult.PerLine(receivedBytes, delivered),
        P50Ms = latencies.Percentile(50) / 1000.0,
        P99Ms = latencies.Percentile(99) / 1000.0,
        P999Ms = latencies.Percentile(99.9) / 1000.0,
        MaxMs = latencies.Max / 1000.0,
        ServerCpuSeconds = Math.Round(cpuSeconds, 3),
        ServerCpuMicrosPerLine = delivered > 0 ? Math.Round(cpuSeconds * 1e6 / delivered, 3) : 0,
        ClientCpuSeconds = Math.Round(clientCpu.TotalSeconds, 3),
        ClientCpuMicrosPerLine = delivered > 0 ? Math.Round(clientCpu.TotalSeconds * 1e6 / delivered, 3) : 0,
        ServerPoolPendingMax = poolPendingMax,
        ServerGcCount = end.GcCount - start.GcCount,
        ServerGen1Count = end.Gen1Count - start.Gen1Count,
        ServerGen2Count = end.Gen2Count - start.Gen2Count,
        ServerAllocatedBytesPerLine = delivered > 0 ? Math.Round((end.AllocatedBytes - start.AllocatedBytes) / (double)delivered, 2) : 0,
        ServerGcPauseMs = (end.GcPauseMicros - start.GcPauseMicros) / 1000.0,
        ServerRssStartKb = start.RssKb,
        ServerRssMaxKb = Math.Max(rssMax, end.RssKb),
        ServerRssEndKb = end.RssKb,
        ServerManagedEndBytes = end.ManagedBytes,
        ServerCommittedEndBytes = end.CommittedBytes,
        ServerRssBeforeReadersKb = rssBeforeReadersKb,
        DroppedSlowReaders = end.DroppedSlowReaders - start.DroppedSlowReaders,
        RampSeconds = Math.Round(rampSeconds, 1),
        RefusedStatus = publisher.Rejected > rejectedBefore ? publisher.LastRefusedStatus : 0,
        Nodes = nodes.Count,
        NodeCpuSeconds = endEach.Zip(startEach, (e, s) => Math.Round((e.CpuMicros - s.CpuMicros) / 1e6, 3)).ToArray(),
        NodeDelivered = receivedByNode.Zip(receivedBeforeByNode, (e, s) => e - s).ToArray(),
        DatabaseCpuSeconds = databaseCpu is { } db ? Math.Round(db.TotalSeconds, 3) : -1,
        NodeRssKb = endEach.Select(s => s.RssKb).ToArray(),
        // Only a process of several needs its buckets, to be merged with the others'.
        LatencyBuckets = options.Role != "solo" ? latencies.ToBuckets() : Array.Empty<long>(),
        PostBuckets = options.Role != "solo" ? answers.ToBuckets() : Array.Empty<long>(),
        OrderHashes = PhaseMerge.OrderHashes(counted.Where(r => !Volatile.Read(ref r.Closed)).Select(r => r.OrderHash)),
        OpenReaders = counted.Count(r => !Volatile.Read(ref r.Closed)),
        Probe = probe,
        LoginsRefused = run.LoginsRefused,
        RampNodeCpuSeconds = Math.Round(rampCpu.Nodes, 3),
        RampDatabaseCpuSeconds = Math.Round(rampCpu.Database, 3),
    };
}

// Lines received so far by the readers of each node.
long[] ReceivedByNode(Reader[] counted)
{
    var byNode = new long[nodes.Count];
    foreach (var reader in counted)
    {
        byNode[reader.Node] += Volatile.Read(ref reader.Received);
    }

    return byNode;
}

// Every reader that received every line so far must have received them in the same order:
// the readers whose running hash differs from the most common one. -1 once lines were lost.
long Inconsistent(Reader[] counted)
{
    var open = counted.Where(r => !Volatile.Read(ref r.Closed)).ToArray();
    consistentSoFar &= open.Length == counted.Length;
    if (!consistentSoFar || open.Length == 0)
    {
        return -1;
    }

    var common = open.GroupBy(r => r.OrderHash).MaxBy(g => g.Count())!;
    return open.Length - common.Count();
}

async Task<int> IdleAsync(ServerStats before, double rampSeconds)
{
    // The idle hold is itself a span of time: the login connections finish closing during it, and
    // memory is read after it, with every reader connected and nothing else going on.
    var holdStart = NodeGroup.Sum(nodes.Each());
    await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds)).ConfigureAwait(false);
    var holdEnd = NodeGroup.Sum(nodes.Each());

    // The forced figure last, so that it cannot flatter the unforced one.
    var final = nodes.CollectAndStats();
    // Per stream: the speakers' few keep-alive connections are counted against the readers.
    var connections = options.Readers;
    var result = new IdleResult
    {
        Transport = protocol.Name,
        Readers = options.Readers,
        HoldSeconds = options.IdleSeconds,
        RampSeconds = Math.Round(rampSeconds, 1),
        RssBeforeKb = before.RssKb,
        RssAfterKb = final.RssKb,
        ManagedBeforeBytes = before.ManagedBytes,
        ManagedAfterBytes = final.ManagedBytes,
        RssBytesPerConnection = Math.Round((final.RssKb - before.RssKb) * 1024.0 / connections),
        ManagedBytesPerConnection = Math.Round((double)(final.ManagedBytes - before.ManagedBytes) / connections),
        RssHeldKb = holdEnd.RssKb,
        ManagedHeldBytes = holdEnd.ManagedBytes,
        CommittedHeldBytes = holdEnd.CommittedBytes,
        CommittedBeforeBytes = before.CommittedBytes,
        CommittedAfterBytes = final.CommittedBytes,
        HeldRssBytesPerReader = Math.Round(holdEnd.RssKb * 1024.0 / connections),
        HeldRssGrowthBytesPerReader = Math.Round((holdEnd.RssKb - before.RssKb) * 1024.0 / connections),
        HeldManagedGrowthBytesPerReader = Math.Round((double)(holdEnd.ManagedBytes - before.ManagedBytes) / connections),
        HeldCommittedGrowthBytesPerReader = Math.Round((double)(holdEnd.CommittedBytes - before.CommittedBytes) / connections),
        IdleCpuPercent = Math.Round((holdEnd.CpuMicros - holdStart.CpuMicros) / 1e4 / options.IdleSeconds, 3),
    };
    Console.WriteLine("IDLE " + JsonSerializer.Serialize(result, json));
    return 0;
}
