using System.Text;
using PushChat.Internal.Transport;

namespace PushChat.Tests.Transport;

[TestClass]
public sealed class OutboundQueueTests
{
    [TestMethod]
    public async Task A_fan_out_is_written_by_the_writers_and_leaves_the_thread_pool_to_requests()
    {
        using var stream = new RecordingStream();
        var queue = new OutboundQueue(stream, 1024, new Owner());
        var batch = new DrainBatch();

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
        using var stream = new RecordingStream();
        var queue = new OutboundQueue(stream, 1024, new Owner());

        queue.EnqueueResponse(Bytes("HTTP/1.1 303 See Other\r\n\r\n"));

        Assert.IsTrue(stream.Writes.TryPeek(out var write), "the answer must not wait behind queued work");
        Assert.AreEqual(Environment.CurrentManagedThreadId, write.ThreadId);
    }

    [TestMethod]
    public async Task Lines_queued_while_a_write_is_under_way_go_out_together_in_the_next_write()
    {
        using var stream = new RecordingStream();
        var queue = new OutboundQueue(stream, 1024, new Owner());
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
        using var writer = new WriterLoop("test writer");
        using var busyStream = new RecordingStream();
        using var quietStream = new RecordingStream();
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var busy = new OutboundQueue(busyStream, 1024, new Owner(), writer);
        var quiet = new OutboundQueue(quietStream, 1024, new Owner(), writer);

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
        var batch = new DrainBatch();
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
        using var stream = new RecordingStream();
        var owner = new Owner();
        var queue = new OutboundQueue(stream, 8, owner);
        var held = stream.HoldNextWrite();

        Assert.IsTrue(queue.EnqueueChunk(Bytes("first")));
        await stream.WaitForWritesAsync(1);
        Assert.IsTrue(queue.EnqueueChunk(Bytes("12345")));
        Assert.IsFalse(queue.EnqueueChunk(Bytes("6789")));
        held.SetResult();

        Assert.AreEqual(1, owner.Overflows);
        Assert.IsFalse(queue.EnqueueChunk(Bytes("x")));
        Assert.AreEqual(1, stream.Writes.Count);
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private sealed class Owner : IOutboundOwner
    {
        public int Overflows { get; private set; }

        public void OnOutputCompleted()
        {
        }

        public void OnOutputOverflow() => Overflows++;

        public void OnOutputFailed(Exception error)
        {
        }
    }
}
