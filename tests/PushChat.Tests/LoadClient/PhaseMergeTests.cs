using PushChat.LoadClient;

namespace PushChat.Tests.LoadClient;

/// <summary>
/// Several client processes' results of one phase merged into one: counts summed, latencies
/// merged bucket by bucket (never averaged percentiles), orders compared across processes.
/// </summary>
[TestClass]
public sealed class PhaseMergeTests
{
    [TestMethod]
    public void A_histogram_rebuilt_from_its_buckets_has_the_same_percentiles()
    {
        var histogram = Histogram(3, 900, 1_500, 250_000, 250_000, 1_200_000);

        var rebuilt = LatencyHistogram.FromBuckets(histogram.ToBuckets(), histogram.Max);

        Assert.AreEqual(histogram.Count, rebuilt.Count);
        foreach (var percentile in new[] { 1.0, 50, 90, 99, 100 })
        {
            Assert.AreEqual(histogram.Percentile(percentile), rebuilt.Percentile(percentile), $"p{percentile}");
        }
    }

    [TestMethod]
    public void Latencies_merge_bucket_by_bucket_not_as_an_average_of_percentiles()
    {
        // 99 fast deliveries in one process, one slow delivery in each of the other two: the
        // merged p99 is the slow one's, which no average of the three p99s gives.
        var fast = Histogram(Enumerable.Repeat(1_000L, 98).ToArray());
        var slowA = Histogram(900_000);
        var slowB = Histogram(1_000L, 800_000);
        var all = Histogram(Enumerable.Repeat(1_000L, 99).Concat(new[] { 800_000L, 900_000L }).ToArray());

        var merged = PhaseMerge.Merge(new[] { Part(fast, 98), Part(slowA, 1), Part(slowB, 2) }, publisher: 0);

        Assert.AreEqual(all.Percentile(99) / 1000.0, merged.P99Ms);
        Assert.AreEqual(all.Percentile(50) / 1000.0, merged.P50Ms);
        Assert.AreEqual(900.0, merged.MaxMs);
        Assert.AreEqual(101, merged.Delivered);
        Assert.AreEqual(101, LatencyHistogram.FromBuckets(merged.LatencyBuckets, 900_000).Count);
    }

    [TestMethod]
    public void Counts_are_summed_and_the_node_figures_come_from_the_publisher()
    {
        var publisher = Part(Histogram(1_000), 10) with { NodeDelivered = new long[] { 4, 6 }, ServerCpuSeconds = 2, ClientCpuSeconds = 1, PostBuckets = Histogram(5_000).ToBuckets(), PostMaxMs = 5 };
        var listener = Part(Histogram(2_000), 10) with { NodeDelivered = new long[] { 5, 5 }, ServerCpuSeconds = 99, ClientCpuSeconds = 3, Lost = 2, RampSeconds = 40 };

        var merged = PhaseMerge.Merge(new[] { publisher, listener }, publisher: 0);

        Assert.AreEqual(20, merged.Readers);
        Assert.AreEqual(20, merged.Delivered);
        Assert.AreEqual(2, merged.Lost);
        CollectionAssert.AreEqual(new long[] { 9, 11 }, merged.NodeDelivered);
        Assert.AreEqual(2, merged.ServerCpuSeconds);
        Assert.AreEqual(100_000, merged.ServerCpuMicrosPerLine);
        Assert.AreEqual(4, merged.ClientCpuSeconds);
        Assert.AreEqual(200_000, merged.ClientCpuMicrosPerLine);
        Assert.AreEqual(5.0, merged.PostP99Ms);
        Assert.AreEqual(40, merged.RampSeconds);
    }

    [TestMethod]
    public void Readers_whose_order_differs_are_counted_across_processes()
    {
        // Each process agrees with itself, but the second's readers got another order than the majority.
        var first = Part(Histogram(1_000), 3) with { OrderHashes = PhaseMerge.OrderHashes(new long[] { 7, 7, 7 }), OpenReaders = 3 };
        var second = Part(Histogram(1_000), 2) with { OrderHashes = PhaseMerge.OrderHashes(new long[] { 8, 8 }), OpenReaders = 2 };

        var merged = PhaseMerge.Merge(new[] { first, second }, publisher: 0);

        Assert.AreEqual(2, merged.Inconsistent);
    }

    private static LatencyHistogram Histogram(params long[] micros)
    {
        var histogram = new LatencyHistogram();
        foreach (var value in micros)
        {
            histogram.Record(value);
        }

        return histogram;
    }

    private static PhaseResult Part(LatencyHistogram latencies, int readers) => new()
    {
        Transport = "forever", Readers = readers, SlowReaders = 0, Speakers = 1, Rate = 1, Size = 128, Seconds = 1, Posts = 1,
        PostsRejected = 0, PostsUnanswered = 0, PostP50Ms = 0, PostP99Ms = 0, PostMaxMs = 0, Expected = readers, Delivered = readers,
        Lost = 0, OutOfOrder = 0, Inconsistent = 0, Drained = true, DeliveredPerSecond = readers,
        P50Ms = latencies.Percentile(50) / 1000.0, P99Ms = latencies.Percentile(99) / 1000.0, P999Ms = 0, MaxMs = latencies.Max / 1000.0,
        ServerCpuSeconds = 0, ServerCpuMicrosPerLine = 0, ClientCpuSeconds = 0, ClientCpuMicrosPerLine = 0, ServerPoolPendingMax = 0,
        ServerGcCount = 0, ServerGcPauseMs = 0, ServerRssStartKb = 0, ServerRssMaxKb = 0, ServerRssEndKb = 0, ServerManagedEndBytes = 0,
        DroppedSlowReaders = 0, RampSeconds = 1, LatencyBuckets = latencies.ToBuckets(), OrderHashes = new() { [1] = readers }, OpenReaders = readers,
    };
}
