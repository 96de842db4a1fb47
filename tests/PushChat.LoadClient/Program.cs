using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PushChat.LoadClient;

// The load-generating client: subscribes N readers to one server, publishes open-loop, counts
// every delivery and prints one RESULT (or IDLE) line of JSON per phase. Progress lines start
// with "#". Runs in its own process so that the server's open-file budget holds only the
// server's sockets.
var options = ClientOptions.Parse(args);
var protocol = ChatProtocol.For(options.Transport);
var run = new Run(options, protocol);
var control = new ServerControl(options.Control);
var json = new JsonSerializerOptions { WriteIndented = false };

try
{
    return await MainAsync().ConfigureAwait(false);
}
finally
{
    run.Finished.TrySetResult();
}

async Task<int> MainAsync()
{
    var before = options.IdleSeconds > 0 ? control.CollectAndStats() : null;
    var rampWatch = Stopwatch.StartNew();
    var slowCount = (int)Math.Round(options.Readers * options.SlowFraction);
    var slowEvery = slowCount > 0 ? options.Readers / slowCount : 0;
    for (var i = 0; i < options.Readers; i++)
    {
        var slow = slowEvery > 0 && i % slowEvery == slowEvery - 1 && run.Readers.Count(r => r.Slow) < slowCount;
        var reader = new Reader(i, counted: !slow, slow, run);
        run.Readers.Add(reader);
        await run.WaitForRampSlotAsync().ConfigureAwait(false);
        if (run.Failed > 0)
        {
            break;
        }

        _ = Task.Run(() => reader.RunAsync(options.Server));
    }

    while (run.Subscribed + run.Failed < run.Readers.Count)
    {
        await Task.Delay(20).ConfigureAwait(false);
    }

    if (run.Failed > 0)
    {
        Console.WriteLine($"ERROR {run.Failed} readers could not subscribe; first: {run.FirstError}");
        return 2;
    }

    Console.WriteLine($"# {options.Readers} readers subscribed in {rampWatch.Elapsed.TotalSeconds:F1} s");

    // PushChat needs a session with an open chat frame to post; that frame is read but not counted.
    string? sessionId = null;
    if (protocol.PublisherSubscribes)
    {
        var own = new Reader(-1, counted: false, slow: false, run);
        run.Readers.Add(own);
        _ = Task.Run(() => own.RunAsync(options.Server));
        while (!own.IsSubscribed)
        {
            if (run.Failed > 0)
            {
                Console.WriteLine($"ERROR the publisher could not subscribe: {run.FirstError}");
                return 2;
            }

            await Task.Delay(10).ConfigureAwait(false);
        }

        sessionId = own.SessionId;
    }

    using var publisher = new Publisher(protocol);
    await publisher.ConnectAsync(options.Server, sessionId).ConfigureAwait(false);

    // Everything queued during the ramp (PushChat announces every join to everyone) must be
    // delivered before measuring: a sync line reaches each reader after all of it.
    long syncId = 1;
    if (!await SyncAsync(publisher, syncId).ConfigureAwait(false))
    {
        return 3;
    }

    var rampSeconds = rampWatch.Elapsed.TotalSeconds;
    Console.WriteLine($"# ramp-up drained in {rampSeconds:F1} s");

    if (options.IdleSeconds > 0)
    {
        return await IdleAsync(before!, rampSeconds).ConfigureAwait(false);
    }

    long sequence = 1;
    if (options.WarmupSeconds > 0 && options.Phases.Count > 0)
    {
        // Unmeasured: lets both processes' JIT reach steady code before the first measurement.
        var (firstRate, firstSize) = options.Phases[0];
        var warmRate = Math.Min(Math.Max(firstRate, 20), 100);
        var warmPosts = (long)Math.Ceiling(warmRate * options.WarmupSeconds);
        publisher.RunOpenLoop(sequence, warmPosts, warmRate, firstSize);
        sequence += warmPosts;
        if (!await SyncAsync(publisher, ++syncId).ConfigureAwait(false))
        {
            return 3;
        }
    }

    foreach (var (rate, size) in options.Phases)
    {
        var result = await PhaseAsync(publisher, sequence, rate, size, rampSeconds).ConfigureAwait(false);
        sequence += result.Posts;
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result, json));
        if (options.StopWhenBehind && (result.Lost > 0 || !result.Drained))
        {
            Console.WriteLine($"# stopping: {result.Lost} lines lost at {rate}/s; heavier phases would queue behind them");
            break;
        }

        if (!await SyncAsync(publisher, ++syncId).ConfigureAwait(false))
        {
            break;
        }
    }

    return 0;
}

async Task<bool> SyncAsync(Publisher publisher, long id)
{
    publisher.PostSync(id);
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

async Task<PhaseResult> PhaseAsync(Publisher publisher, long firstSequence, double rate, int size, double rampSeconds)
{
    var counted = run.Readers.Where(r => r.Counted).ToArray();
    var receivedBefore = counted.Sum(r => r.Received);
    var outOfOrderBefore = counted.Sum(r => r.OutOfOrder);
    var rejectedBefore = publisher.Rejected;
    var posts = Math.Max(1, (long)Math.Round(rate * options.Seconds));
    var expected = posts * counted.Length;
    run.SwapLatencies();
    var start = control.Stats();
    var clientCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    var rssMax = start.RssKb;
    var watch = Stopwatch.StartNew();

    var publishing = new Thread(() => publisher.RunOpenLoop(firstSequence, posts, rate, size)) { IsBackground = true, Name = "publisher" };
    publishing.Start();
    var nextSample = 1.0;
    long delivered;
    while (true)
    {
        delivered = counted.Sum(r => r.Received) - receivedBefore;
        var published = !publishing.IsAlive;
        if (published && delivered >= expected)
        {
            break;
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        if (elapsed >= nextSample)
        {
            nextSample += 1;
            rssMax = Math.Max(rssMax, control.Stats().RssKb);
        }

        if (elapsed > options.Seconds + options.DrainSeconds + 1)
        {
            break;
        }

        await Task.Delay(published ? 5 : 50).ConfigureAwait(false);
    }

    var seconds = watch.Elapsed.TotalSeconds;
    var end = control.Stats();
    var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpuStart;
    var latencies = run.SwapLatencies();
    var cpuSeconds = (end.CpuMicros - start.CpuMicros) / 1e6;
    return new PhaseResult
    {
        Transport = protocol.Name,
        Readers = counted.Length,
        SlowReaders = run.Readers.Count(r => r.Slow),
        Rate = rate,
        Size = size,
        Seconds = Math.Round(seconds, 2),
        Posts = posts,
        PostsRejected = publisher.Rejected - rejectedBefore,
        Expected = expected,
        Delivered = delivered,
        Lost = Math.Max(0, expected - delivered),
        OutOfOrder = counted.Sum(r => r.OutOfOrder) - outOfOrderBefore,
        Drained = delivered >= expected,
        DeliveredPerSecond = Math.Round(delivered / Math.Max(seconds, options.Seconds)),
        P50Ms = latencies.Percentile(50) / 1000.0,
        P99Ms = latencies.Percentile(99) / 1000.0,
        P999Ms = latencies.Percentile(99.9) / 1000.0,
        MaxMs = latencies.Max / 1000.0,
        ServerCpuSeconds = Math.Round(cpuSeconds, 3),
        ServerCpuMicrosPerLine = delivered > 0 ? Math.Round(cpuSeconds * 1e6 / delivered, 3) : 0,
        ClientCpuSeconds = Math.Round(clientCpu.TotalSeconds, 3),
        ServerRssStartKb = start.RssKb,
        ServerRssMaxKb = Math.Max(rssMax, end.RssKb),
        ServerRssEndKb = end.RssKb,
        ServerManagedEndBytes = end.ManagedBytes,
        DroppedSlowReaders = end.DroppedSlowReaders - start.DroppedSlowReaders,
        RampSeconds = Math.Round(rampSeconds, 1),
    };
}

async Task<int> IdleAsync(ServerStats before, double rampSeconds)
{
    // The idle hold is itself a span of time: the login connections finish closing during it, and
    // memory is read after it, with every reader connected and nothing else going on.
    var holdStart = control.Stats();
    await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds)).ConfigureAwait(false);
    var holdEnd = control.Stats();
    var final = control.CollectAndStats();
    var readers = options.Readers + (protocol.PublisherSubscribes ? 1 : 0);
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
        RssBytesPerConnection = Math.Round((final.RssKb - before.RssKb) * 1024.0 / readers),
        ManagedBytesPerConnection = Math.Round((double)(final.ManagedBytes - before.ManagedBytes) / readers),
        IdleCpuPercent = Math.Round((holdEnd.CpuMicros - holdStart.CpuMicros) / 1e4 / options.IdleSeconds, 3),
    };
    Console.WriteLine("IDLE " + JsonSerializer.Serialize(result, json));
    return 0;
}
