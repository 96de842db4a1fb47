using System.Text;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Tests.Transport;

/// <summary>
/// When the writers get the queues a fan-out filled: early, so that writing overlaps the rest of
/// the fan-out; and bytes whose order does not matter, at once, never behind waiting fan-outs.
/// </summary>
[TestClass]
public sealed class WriteStartTests
{
    [TestMethod]
    public async Task A_large_fan_out_starts_its_first_readers_writes_before_it_reaches_its_last_reader()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        using var stream = new RecordingStream();
        var queue = new OutboundQueue(stream, 1024, new Owner(), outbound.NextWriter(), outbound.Dispatcher);
        var last = new WaitingTarget(stream);
        var readers = new List<IFanOutTarget> { new QueueTarget(queue) };
        readers.AddRange(Enumerable.Range(0, DrainBatch.ReadersPerWriteStart).Select(_ => new RecordingTarget()));
        readers.Add(last);
        var batch = new DrainBatch(outbound.Dispatcher);

        batch.FanOut(readers.ToArray(), TestLines.Line("hello"), 0);
        batch.Schedule();

        Assert.IsTrue(await last.SawWrite.Task.WaitAsync(TimeSpan.FromSeconds(30)), "the first reader's write waited for the whole fan-out");
        await stream.WaitForWritesAsync(1);
        Assert.AreEqual("hello", stream.Writes.Single().Text);
    }

    [TestMethod]
    public async Task A_fan_out_s_writes_start_before_the_dispatcher_applies_the_next_one()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        using var stream = new RecordingStream();
        using var blocker = new BlockingTarget();
        var queue = new OutboundQueue(stream, 1024, new Owner(), outbound.NextWriter(), outbound.Dispatcher);
        var hold = new DrainBatch(outbound.Dispatcher);
        hold.FanOut(new IFanOutTarget[] { blocker }, TestLines.Line("x"), 0);
        hold.Schedule();
        await blocker.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Two fan-outs to different readers wait together: they cannot be applied as one.
        var first = new DrainBatch(outbound.Dispatcher);
        first.FanOut(new IFanOutTarget[] { new QueueTarget(queue) }, TestLines.Line("first"), 0);
        first.Schedule();
        var last = new WaitingTarget(stream);
        var second = new DrainBatch(outbound.Dispatcher);
        second.FanOut(new IFanOutTarget[] { last }, TestLines.Line("second"), 0);
        second.Schedule();
        blocker.Release();

        Assert.IsTrue(await last.SawWrite.Task.WaitAsync(TimeSpan.FromSeconds(30)), "the first fan-out's write waited for the next fan-out");
    }

    [TestMethod]
    public async Task Bytes_queued_now_are_written_while_fan_outs_wait_and_bytes_queued_in_order_are_not()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        using var stream = new RecordingStream();
        using var blocker = new BlockingTarget();
        var queue = new OutboundQueue(stream, 1024, new Owner(), outbound.NextWriter(), outbound.Dispatcher);
        var hold = new DrainBatch(outbound.Dispatcher);
        hold.FanOut(new IFanOutTarget[] { blocker }, TestLines.Line("x"), 0);
        hold.Schedule();
        await blocker.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsTrue(queue.EnqueueRaw(Bytes("ordered")));
        Assert.IsTrue(queue.EnqueueNow(Bytes("ping")));
        await stream.WaitForWritesAsync(1);
        blocker.Release();
        await stream.WaitForWritesAsync(2);

        CollectionAssert.AreEqual(new[] { "ping", "ordered" }, stream.Writes.Select(w => w.Text).ToArray());
    }

    [TestMethod]
    public void Bytes_queued_now_count_against_the_bound_when_bounded()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        using var stream = new RecordingStream();
        var owner = new Owner();
        var queue = new OutboundQueue(stream, 4, owner, outbound.NextWriter(), outbound.Dispatcher);
        stream.HoldNextWrite();

        Assert.IsTrue(queue.EnqueueNow(Bytes("1234")));
        Assert.IsFalse(queue.EnqueueNow(Bytes("5")), "over the bound");
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>A reader whose lines go to a queue, as a stream's do.</summary>
    private sealed class QueueTarget(OutboundQueue queue) : IFanOutTarget
    {
        public void Deliver(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts)
        {
            var framed = new ReadOnlyMemory<byte>[lines.Length];
            for (var i = 0; i < lines.Length; i++)
            {
                framed[i] = Bytes(((ChatLine)lines[i]).Message.Text);
            }

            queue.Deliver(framed, chunked: true, starts);
        }

        public void DeliveryFailed(Exception error)
        {
        }
    }

    /// <summary>A reader that holds the dispatcher until the given stream was written, or a while; tells which.</summary>
    private sealed class WaitingTarget(RecordingStream stream) : IFanOutTarget
    {
        public TaskCompletionSource<bool> SawWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Deliver(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts) =>
            SawWrite.TrySetResult(SpinWait.SpinUntil(() => !stream.Writes.IsEmpty, TimeSpan.FromSeconds(5)));

        public void DeliveryFailed(Exception error)
        {
        }
    }

    private sealed class Owner : IOutboundOwner
    {
        public void OnOutputCompleted()
        {
        }

        public void OnOutputOverflow()
        {
        }

        public void OnOutputFailed(Exception error)
        {
        }
    }
}
