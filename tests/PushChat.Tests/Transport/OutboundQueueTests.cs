using System.Text;
using PushChat.Internal.Transport;

namespace PushChat.Tests.Transport;

[TestClass]
public sealed class OutboundQueueTests
{
    [TestMethod]
    public async Task A_fan_out_is_written_by_the_writers_and_leaves_the_thread_pool_to_requests()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        using var stream = new RecordingStream();
        var queue = new OutboundQueue(stream, 1024, new Owner(), outbound.NextWriter(), outbound.Dispatcher);
        var batch = new DrainBatch(outbound.Dispatcher);

        queue.EnqueueChunk(Bytes("line"), batch);
        batch.Schedule();
        await stream.WaitForWritesAsync(1);

        Assert.IsTrue(stream.Writes.TryPeek(out var write));
        Assert.AreEqual("4\r\nline\r\n", write.Text);
        Assert.IsFalse(write.OnThreadPool, "fan-out writes must not queue in the thread pool ahead of incoming requests");
    }

    [TestMethod]
    public void A_response_is_written_on_the_requesting_thread_before_it_returns()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        using var stream = new RecordingStream();
        var queue = new OutboundQueue(stream, 1024, new Owner(), outbound.NextWriter(), outbound.Dispatcher);

        queue.EnqueueResponse(Bytes("HTTP/1.1 303 See Other\r\n\r\n"));

        Assert.IsTrue(stream.Writes.TryPeek(out var write), "the answer must not wait behind queued work");
        Assert.AreEqual(Environment.CurrentManagedThreadId, write.ThreadId);
    }

    [TestMethod]
    public async Task Lines_queued_while_a_write_is_under_way_go_out_together_in_the_next_write()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        using var stream = new RecordingStream();
        var queue = new OutboundQueue(stream, 1024, new Owner(), outbound.NextWriter(), outbound.Dispatcher);
        var held = stream.HoldNextWrite();

        queue.EnqueueChunk(Bytes("a"));
        await stream.WaitForWritesAsync(1);
        queue.EnqueueChunk(Bytes("b"));
        queue.EnqueueChunk(Bytes("c"));
        queue.EnqueueChunk(Bytes("d"));
        held.SetResult();
        await stream.WaitForWritesAsync(2);

        CollectionAssert.AreEqual(new[] { "1\r\na\r\n", "3\r\nbcd\r\n" }, stream.Writes.Select(w => w.Text).ToArray());
    }

    [TestMethod]
    public async Task A_writer_gives_every_queue_a_turn_before_a_busy_queue_writes_again()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        var writer = outbound.NextWriter();
        using var busyStream = new RecordingStream();
        using var quietStream = new RecordingStream();
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var busy = new OutboundQueue(busyStream, 1024, new Owner(), writer, outbound.Dispatcher);
        var quiet = new OutboundQueue(quietStream, 1024, new Owner(), writer, outbound.Dispatcher);

        // The busy reader gets another line during each of its writes, as under a steady flood.
        var refills = 2;
        busyStream.AfterWrite = text =>
        {
            order.Enqueue("busy " + text);
            if (refills-- > 0)
            {
                busy.EnqueueChunk(Bytes("more"));
            }
        };
        quietStream.AfterWrite = text => order.Enqueue("quiet " + text);
        var batch = new DrainBatch(outbound.Dispatcher);
        busy.EnqueueChunk(Bytes("b"), batch);
        quiet.EnqueueChunk(Bytes("q"), batch);
        batch.Schedule();
        await busyStream.WaitForWritesAsync(3);
        await quietStream.WaitForWritesAsync(1);

        CollectionAssert.AreEqual(
            new[] { "busy 1\r\nb\r\n", "quiet 1\r\nq\r\n", "busy 4\r\nmore\r\n", "busy 4\r\nmore\r\n" },
            order.ToArray());
    }

    [TestMethod]
    public async Task A_queue_over_its_bound_is_cut_off_and_sends_nothing_more()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        var writer = outbound.NextWriter();
        using var stream = new RecordingStream();
        using var otherStream = new RecordingStream();
        var owner = new Owner();
        var queue = new OutboundQueue(stream, 8, owner, writer, outbound.Dispatcher);
        var other = new OutboundQueue(otherStream, 8, new Owner(), writer, outbound.Dispatcher);
        var held = stream.HoldNextWrite();

        queue.EnqueueChunk(Bytes("first"));
        await stream.WaitForWritesAsync(1);
        queue.EnqueueChunk(Bytes("12345"));
        queue.EnqueueChunk(Bytes("6789"));
        await owner.Overflowed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        held.SetResult();
        queue.EnqueueChunk(Bytes("x"));

        // The same writer takes its queues in order: once the other queue's line is out, any
        // turn of the cut-off queue has passed.
        other.EnqueueChunk(Bytes("y"));
        await otherStream.WaitForWritesAsync(1);
        Assert.AreEqual(1, stream.Writes.Count);
    }

    [TestMethod]
    public async Task A_post_returns_at_once_and_a_stream_s_own_bytes_wait_behind_lines_published_to_it_before()
    {
        using var dispatcher = new OutboundDispatcher("test fan-out");
        using var writer = new WriterLoop("test writer");
        using var stream = new RecordingStream();
        using var blocker = new BlockingTarget();
        var owner = new Owner();
        var queue = new OutboundQueue(stream, 1024, owner, writer, dispatcher);
        var busy = new DrainBatch(dispatcher);
        busy.FanOut(new IFanOutTarget[] { blocker }, TestLines.Line("x"), 0);
        busy.Schedule();
        await blocker.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var line = new DrainBatch(dispatcher);
        line.Add(queue, new OutboundSegment(Bytes("line"), chunked: true));
        line.Schedule();
        queue.EnqueueChunk(Bytes("end"));
        queue.Complete();
        Assert.AreEqual(0, stream.Writes.Count, "nothing is queued while the dispatcher is busy");
        blocker.Release();
        await owner.Completed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // In one write or two (the line's may start before the end is queued), the line comes first.
        Assert.AreEqual("lineend", Payloads(string.Concat(stream.Writes.Select(w => w.Text))));
    }

    [TestMethod]
    public async Task Lines_posted_while_the_dispatcher_is_behind_reach_each_reader_in_one_delivery()
    {
        using var dispatcher = new OutboundDispatcher("test fan-out");
        using var blocker = new BlockingTarget();
        var reader = new RecordingTarget();
        var readers = new IFanOutTarget[] { reader };
        var busy = new DrainBatch(dispatcher);
        busy.FanOut(new IFanOutTarget[] { blocker }, TestLines.Line("x"), 0);
        busy.Schedule();
        await blocker.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var text in new[] { "a", "b", "c" })
        {
            var batch = new DrainBatch(dispatcher);
            batch.FanOut(readers, TestLines.Line(text), 0);
            batch.Schedule();
        }

        blocker.Release();
        await reader.WaitForLinesAsync(3);

        Assert.AreEqual(1, reader.Deliveries.Count);
        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, reader.Deliveries.Single());
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>The payloads of a chunked body's chunks, joined.</summary>
    private static string Payloads(string chunked)
    {
        var payloads = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var headerEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var length = Convert.ToInt32(chunked[at..headerEnd], 16);
            payloads.Append(chunked, headerEnd + 2, length);
            at = headerEnd + 2 + length + 2;
        }

        return payloads.ToString();
    }

    private sealed class Owner : IOutboundOwner
    {
        public TaskCompletionSource Overflowed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnOutputCompleted() => Completed.TrySetResult();

        public void OnOutputOverflow() => Overflowed.TrySetResult();

        public void OnOutputFailed(Exception error)
        {
        }
    }
}
