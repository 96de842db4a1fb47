using System.Text;
using PushChat.Internal.Transport;

namespace PushChat.Tests.Transport;

/// <summary>What a reader's outbound queue counts against its bound: waiting bytes, the write under way, history replays.</summary>
[TestClass]
public sealed class QueueBoundTests
{
    [TestMethod]
    public async Task Bytes_of_a_write_the_peer_has_not_taken_still_count_against_the_bound()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        var writer = outbound.NextWriter();
        using var stream = new RecordingStream();
        var owner = new BoundOwner();
        var queue = new OutboundQueue(stream, 16, owner, writer, outbound.Dispatcher);
        stream.HoldNextWrite();

        queue.EnqueueChunk(Bytes("0123456789"));
        await stream.WaitForWritesAsync(1);
        queue.EnqueueChunk(Bytes("abcdefgh"));

        await owner.Overflowed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsLessThanOrEqualTo(16, queue.PeakCountedBytes);
    }

    [TestMethod]
    public async Task A_replay_larger_than_the_bound_reaches_a_reader_that_reads_in_writes_that_fit()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        var writer = outbound.NextWriter();
        using var stream = new RecordingStream();
        var owner = new BoundOwner();
        var queue = new OutboundQueue(stream, 64, owner, writer, outbound.Dispatcher);
        var lines = Enumerable.Range(0, 20).Select(i => (ReadOnlyMemory<byte>)Bytes($"line {i:00}.\n")).ToArray();

        queue.EnqueueReplay(lines, chunked: false);
        queue.EnqueueRaw(Bytes("live\n"));
        queue.Complete();
        await owner.Completed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var text = string.Concat(stream.Writes.Select(w => w.Text));
        Assert.AreEqual(string.Concat(Enumerable.Range(0, 20).Select(i => $"line {i:00}.\n")) + "live\n", text, "every line, in order, the live one after the replay");
        Assert.IsFalse(owner.Overflowed.Task.IsCompleted, "a reader that reads is never cut off by its replay");
        Assert.IsLessThanOrEqualTo(64, queue.PeakCountedBytes);
        Assert.IsTrue(stream.Writes.All(w => w.Text.Length <= 64), "no write takes more of the replay than the bound holds");
    }

    [TestMethod]
    public async Task A_live_line_arriving_while_a_replay_write_is_in_flight_does_not_cut_off_a_reader_that_reads()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        using var stream = new RecordingStream();
        var owner = new BoundOwner();
        var queue = new OutboundQueue(stream, 64, owner, outbound.NextWriter(), outbound.Dispatcher);
        var lines = Enumerable.Range(0, 20).Select(i => (ReadOnlyMemory<byte>)Bytes($"line {i:00}.\n")).ToArray();
        var firstWrite = stream.HoldNextWrite();

        queue.EnqueueReplay(lines, chunked: false);
        await stream.WaitForWritesAsync(1);
        var queued = queue.EnqueueRaw(Bytes("live\n"));
        firstWrite.SetResult();
        queue.Complete();
        await Task.WhenAny(owner.Completed.Task, owner.Overflowed.Task).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsTrue(queued, "the live line found room beside the replay's write in flight");
        Assert.IsFalse(owner.Overflowed.Task.IsCompleted);
        var text = string.Concat(stream.Writes.Select(w => w.Text));
        Assert.AreEqual(string.Concat(Enumerable.Range(0, 20).Select(i => $"line {i:00}.\n")) + "live\n", text);
    }

    [TestMethod]
    public async Task Replays_piling_up_behind_one_the_reader_does_not_take_cut_it_off_within_the_bound()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        var writer = outbound.NextWriter();
        using var stream = new RecordingStream();
        var owner = new BoundOwner();
        var queue = new OutboundQueue(stream, 256, owner, writer, outbound.Dispatcher);
        stream.HoldNextWrite();
        queue.EnqueueRaw(Bytes("head"), bounded: false);
        await stream.WaitForWritesAsync(1);

        var replays = 0;
        while (!owner.Overflowed.Task.IsCompleted && replays < 200)
        {
            var lines = Enumerable.Range(0, 10).Select(i => (ReadOnlyMemory<byte>)Bytes("0123456789")).ToArray();
            if (!queue.EnqueueReplay(lines, chunked: false))
            {
                break;
            }

            replays++;
        }

        // Each replay but the newest counts, so the reader is cut off; how many were accepted first
        // depends on whether the fan-out thread was busy (then enqueues are applied later).
        await owner.Overflowed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsLessThanOrEqualTo(256, queue.PeakCountedBytes, "never more than the bound, however many replays piled up");
    }

    [TestMethod]
    public async Task A_lagging_reader_s_write_copies_at_most_the_write_cap()
    {
        using var outbound = new OutboundThreads("test", writerCount: 1);
        var writer = outbound.NextWriter();
        using var stream = new RecordingStream();
        var owner = new BoundOwner();
        var queue = new OutboundQueue(stream, 1024 * 1024, owner, writer, outbound.Dispatcher);
        var held = stream.HoldNextWrite();
        queue.EnqueueChunk(Bytes("first"));
        await stream.WaitForWritesAsync(1);

        var line = Bytes(new string('x', 1000));
        for (var i = 0; i < 300; i++)
        {
            queue.EnqueueChunk(line);
        }

        queue.Complete();
        held.SetResult();
        await owner.Completed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsTrue(stream.Writes.Count > 2, "300 KB went out in several writes");
        Assert.IsTrue(stream.Writes.All(w => w.Text.Length <= WriteAssembly.WriteCap), $"the largest write was {stream.Writes.Max(w => w.Text.Length):N0} bytes");
        Assert.AreEqual(300_000, stream.Writes.Sum(w => w.Text.Count(c => c == 'x')), "every line went out");
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private sealed class BoundOwner : IOutboundOwner
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
