using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
#if NET
using PendingWrite = System.Threading.Tasks.ValueTask;
#else
using PendingWrite = System.Threading.Tasks.Task;
#endif

namespace PushChat.Internal.Transport;

/// <summary>
/// The bounded outbound queue of one connection. Enqueuing never blocks: bytes are queued (a
/// fan-out's by the <see cref="OutboundDispatcher"/>) and, if no write is under way, the queue
/// joins its <see cref="WriterLoop"/>'s turn order. Each
/// turn takes what is queued, up to <see cref="WriteCap"/>, and sends it in one write, so a reader
/// that lags gets its lines coalesced instead of costing one system call each. A reader whose
/// queued and unsent bytes would exceed its bound is cut off. Short responses are written at once
/// on the requesting thread instead.
/// </summary>
internal sealed class OutboundQueue
{
    /// <summary>
    /// The most one write copies (framing included), unless a single segment is larger. The copy
    /// comes from a pool that rounds up to a power of two, so this also caps what the rounding
    /// adds to a reader's bytes; a socket whose send buffer holds tens of kilobytes gains nothing
    /// from larger writes.
    /// </summary>
    internal const int WriteCap = 64 * 1024;

    private const int ChunkFramingBytes = ChunkFraming.MaxBytes;
    private const int InitialSegments = 8;

    private readonly object _gate = new();
    private readonly Stream _stream;
    private readonly int _maxQueuedBytes;
    private readonly IOutboundOwner _owner;
    private readonly OutboundDispatcher _dispatcher;

    // Segment arrays come from a shared pool and go back to it whenever the queue runs empty:
    // idle push readers, most of the connections a chat holds, keep none. The segments waiting
    // are those from _head to _queuedCount.
    private OutboundSegment[]? _queued;
    private int _head;
    private int _queuedCount;

    // What counts against the bound: bounded bytes waiting, and those of the write under way
    // until it completes, so that the bytes a reader holds never pass the bound whatever the
    // state of its writes. A stream's head and goodbye do not count; what a history replay
    // counts is _replays' to say.
    private int _waitingBytes;
    private int _writingBytes;
    private readonly ReplayAccounting _replays;
    private int _peakBytes;

    // Set from the moment a write is due until the queue is found empty: the queue is waiting for
    // its turn, being written, or waiting for a send to finish. Only its holder writes.
    private bool _writing;
    private bool _completing;
    private bool _closed;

    /// <summary>A queue written by one of the process's writer loops, or by the given loop and dispatcher (tests).</summary>
    public OutboundQueue(Stream stream, int maxQueuedBytes, IOutboundOwner owner, WriterLoop? writer = null, OutboundDispatcher? dispatcher = null)
    {
        _stream = stream;
        _maxQueuedBytes = maxQueuedBytes;
        _replays = new ReplayAccounting(maxQueuedBytes);
        _owner = owner;
        Writer = writer ?? OutboundWriters.Next();
        _dispatcher = dispatcher ?? OutboundDispatcher.Shared;
    }

    /// <summary>The loop that writes this queue's turns.</summary>
    public WriterLoop Writer { get; }

    /// <summary>The next queue in the <see cref="WriteStarts"/> chain or writer turn order this one waits in, if any.</summary>
    internal OutboundQueue? NextToWrite { get; set; }

    /// <summary>The bytes counted against the bound now: waiting and being written.</summary>
    internal int CountedBytes
    {
        get
        {
            lock (_gate)
            {
                return _waitingBytes + _writingBytes;
            }
        }
    }

    /// <summary>Whether the queue takes no more bytes: closed, cut off or complete.</summary>
    internal bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed || _completing;
            }
        }
    }

    /// <summary>The most bytes ever counted against the bound at once (for tests).</summary>
    internal int PeakCountedBytes => Volatile.Read(ref _peakBytes);

    /// <summary>Queues bytes as they are (response heads, whole responses).</summary>
    public bool EnqueueRaw(ReadOnlyMemory<byte> data, DrainBatch? batch = null, bool bounded = true) => Enqueue(new OutboundSegment(data, chunked: false, bounded), batch);

    /// <summary>Queues body bytes of a chunked response; adjacent ones are sent as one chunk.</summary>
    public bool EnqueueChunk(ReadOnlyMemory<byte> data, DrainBatch? batch = null, bool bounded = true) => Enqueue(new OutboundSegment(data, chunked: true, bounded), batch);

    /// <summary>Queues a history replay: its lines go out as the reader drains (see <see cref="ReplayAccounting"/> for how they count).</summary>
    public bool EnqueueReplay(ReadOnlyMemory<byte>[] lines, bool chunked) =>
        lines.Length == 0 || Enqueue(OutboundSegment.Replay(lines, chunked), batch: null);

    /// <summary>
    /// Queues a complete response and, unless a write is already under way, writes it on the
    /// calling thread: an answer never waits for its turn behind fan-out writes.
    /// </summary>
    public bool EnqueueResponse(ReadOnlyMemory<byte> data) => Apply(new OutboundSegment(data, chunked: false), starts: null, inline: true);

    /// <summary>Sends what is queued, then tells the owner the output is finished. Later enqueues are refused.</summary>
    /// <param name="last">Raw bytes that go last (a chunked body's last chunk): nothing queued later can follow them.</param>
    public void Complete(ReadOnlyMemory<byte> last = default)
    {
        var segment = new OutboundSegment(last, chunked: false, bounded: false);
        if (_dispatcher.IsIdle)
        {
            ApplyComplete(segment);
        }
        else
        {
            _dispatcher.Post(QueuedOperation.Complete(this, segment));
        }
    }

    /// <summary>Drops everything queued; used when the connection is aborted.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            ReleaseArrays();
        }
    }

    /// <summary>One turn, on the writer loop: what is queued, up to <see cref="WriteCap"/>, in one write.</summary>
    public void WriteQueued() => Write(inline: false);

    /// <summary>
    /// Queues bytes now; when the queue needs a write started, it joins <paramref name="starts"/>
    /// if given, is written here if <paramref name="inline"/>, or joins its writer's turn order.
    /// Returns false when the queue is closed or was cut off by this.
    /// </summary>
    internal bool Apply(OutboundSegment segment, WriteStarts? starts, bool inline = false)
    {
        bool overflow;
        var startWrite = false;
        lock (_gate)
        {
            if (_closed || _completing)
            {
                return false;
            }

            overflow = !TryCount(segment);
            if (overflow)
            {
                _closed = true;
                ReleaseArrays();
            }
            else
            {
                Append(segment);
                startWrite = !_writing;
                _writing = true;
            }
        }

        if (overflow)
        {
            NotifyOverflow();
            return false;
        }

        if (!startWrite)
        {
            return true;
        }

        if (inline)
        {
            Write(inline: true);
        }
        else if (starts is not null)
        {
            starts.Add(this);
        }
        else
        {
            Writer.Schedule(this);
        }

        return true;
    }

    /// <summary>Queues a fan-out's lines now, all or none; the bound applies to them together.</summary>
    internal void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, bool chunked, WriteStarts starts)
    {
        var bytes = 0;
        foreach (var line in lines)
        {
            bytes += line.Length;
        }

        bool overflow;
        var startWrite = false;
        lock (_gate)
        {
            if (_closed || _completing)
            {
                return;
            }

            overflow = _waitingBytes + _writingBytes + bytes > _maxQueuedBytes;
            if (overflow)
            {
                _closed = true;
                ReleaseArrays();
            }
            else
            {
                foreach (var line in lines)
                {
                    Append(new OutboundSegment(line, chunked));
                }

                _waitingBytes += bytes;
                NotePeak();
                startWrite = !_writing;
                _writing = true;
            }
        }

        if (overflow)
        {
            NotifyOverflow();
        }
        else if (startWrite)
        {
            starts.Add(this);
        }
    }

    /// <summary>Marks the output complete now: finished at once if nothing is being written, else when the queue runs empty.</summary>
    internal void ApplyComplete(OutboundSegment last)
    {
        bool finishNow;
        var startWrite = false;
        lock (_gate)
        {
            if (_completing || _closed)
            {
                return;
            }

            if (!last.Data.IsEmpty)
            {
                Append(last);
                startWrite = !_writing;
                _writing = true;
            }

            _completing = true;
            finishNow = !_writing;
            if (finishNow)
            {
                _closed = true;
            }
        }

        if (startWrite)
        {
            Writer.Schedule(this);
        }

        if (finishNow)
        {
            _owner.OnOutputCompleted();
        }
    }

    /// <summary>Counts a segment against the bound; false when it does not fit. Called under the lock.</summary>
    private bool TryCount(OutboundSegment segment)
    {
        if (segment.IsReplay)
        {
            if (!_replays.TryQueue(segment, _waitingBytes + _writingBytes, out var nowCounted))
            {
                return false;
            }

            _waitingBytes += nowCounted;
        }
        else if (segment.Bounded)
        {
            if (_waitingBytes + _writingBytes + segment.Data.Length > _maxQueuedBytes)
            {
                return false;
            }

            _waitingBytes += segment.Data.Length;
        }

        NotePeak();
        return true;
    }

    private void NotePeak()
    {
        var counted = _waitingBytes + _writingBytes;
        if (counted > _peakBytes)
        {
            Volatile.Write(ref _peakBytes, counted);
        }
    }

    /// <summary>Tells the owner off the calling thread, which may be the fan-out thread: the owner's logging and metrics are host code.</summary>
    private void NotifyOverflow() =>
        ThreadPool.QueueUserWorkItem(
            static owner =>
            {
                try
                {
                    ((IOutboundOwner)owner!).OnOutputOverflow();
                }
#pragma warning disable CA1031 // A host's listener that throws on a thread-pool thread would end the process.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            },
            _owner);

    /// <summary>
    /// Queues bytes. A fan-out's go into its <paramref name="batch"/>, queued later by the
    /// dispatcher; others are queued now, unless fan-outs are waiting: then they wait behind them.
    /// </summary>
    private bool Enqueue(OutboundSegment segment, DrainBatch? batch)
    {
        if (batch is not null)
        {
            batch.Add(this, segment);
            return true;
        }

        if (_dispatcher.IsIdle)
        {
            return Apply(segment, starts: null);
        }

        _dispatcher.Post(QueuedOperation.Enqueue(this, segment));
        return true;
    }

    /// <summary>
    /// Writes what is queued. A send that cannot finish at once (the peer's window is full)
    /// completes on its own and then hands the queue back to its writer. On a writer loop one
    /// write is one turn; inline, the calling thread writes until the queue is empty.
    /// </summary>
    private void Write(bool inline)
    {
        while (true)
        {
            OutboundSegment[] batch;
            int count;
            int bytes;
            bool completed;
            bool overflow;
            lock (_gate)
            {
                _writingBytes = 0;
                if (_closed || _head == _queuedCount)
                {
                    completed = StopWriting();
                    overflow = false;
                    batch = Array.Empty<OutboundSegment>();
                    count = bytes = 0;
                }
                else
                {
                    completed = false;
                    batch = _queued![_head].IsReplay ? TakeReplay(out count, out bytes, out overflow) : TakeSegments(out count, out bytes, out overflow);
                    if (overflow)
                    {
                        _closed = true;
                        ReleaseArrays();
                    }
                }
            }

            if (overflow)
            {
                NotifyOverflow();
                return;
            }

            if (count == 0)
            {
                if (completed)
                {
                    _owner.OnOutputCompleted();
                }

                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(bytes);
            var length = ChunkFraming.Frame(batch, count, buffer);
            Array.Clear(batch, 0, count);
            ArrayPool<OutboundSegment>.Shared.Return(batch);
            PendingWrite pending;
            try
            {
#if NET
                pending = _stream.WriteAsync(buffer.AsMemory(0, length));
#else
                pending = _stream.WriteAsync(buffer, 0, length);
#endif
            }
#pragma warning disable CA1031 // Whatever a write throws, the connection is gone; the writer loop must go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ArrayPool<byte>.Shared.Return(buffer);
                Fail(ex);
                return;
            }

            if (!pending.IsCompleted)
            {
                _ = FinishWriteAsync(pending, buffer);
                return;
            }

            try
            {
                pending.GetAwaiter().GetResult();
            }
#pragma warning disable CA1031 // As above.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Fail(ex);
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (!inline)
            {
                ContinueLater();
                return;
            }
        }
    }

    /// <summary>
    /// Takes the plain segments from the head, up to the first replay and <see cref="WriteCap"/>
    /// (at least one). Returns them with their count and the buffer they need framed. Called under the lock.
    /// </summary>
    private OutboundSegment[] TakeSegments(out int count, out int bytes, out bool overflow)
    {
        overflow = false;
        var end = _head;
        bytes = 0;
        var counted = 0;
        while (end < _queuedCount && !_queued![end].IsReplay)
        {
            var segment = _queued[end];
            var size = segment.Data.Length + ChunkFramingBytes;
            if (end > _head && bytes + size > WriteCap)
            {
                break;
            }

            bytes += size;
            counted += segment.Bounded ? segment.Data.Length : 0;
            end++;
        }

        count = end - _head;
        var batch = ArrayPool<OutboundSegment>.Shared.Rent(count);
        Array.Copy(_queued!, _head, batch, 0, count);
        Array.Clear(_queued!, _head, count);
        _head = end;
        _waitingBytes -= counted;
        _writingBytes = counted;
        return batch;
    }

    /// <summary>
    /// Takes the next lines of the replay at the head, as many as <see cref="ReplayAccounting.PlanWrite"/>
    /// allows; <paramref name="overflow"/> says that not even one fits. Called under the lock.
    /// </summary>
    private OutboundSegment[] TakeReplay(out int count, out int bytes, out bool overflow)
    {
        var replay = _queued![_head];
        var lines = replay.ReplayLines!;
        var end = _replays.PlanWrite(replay, _waitingBytes, out var taken, out bytes);
        count = end - replay.ReplayStart;
        overflow = count == 0;
        if (overflow)
        {
            return Array.Empty<OutboundSegment>();
        }

        var batch = ArrayPool<OutboundSegment>.Shared.Rent(count);
        for (var i = 0; i < count; i++)
        {
            batch[i] = new OutboundSegment(lines[replay.ReplayStart + i], replay.Chunked);
        }

        if (end == lines.Length)
        {
            _queued[_head++] = default;
        }
        else
        {
            _queued[_head] = replay.ReplayFrom(end);
        }

        _waitingBytes -= _replays.Took(replay, end, taken);

        _writingBytes = taken;
        NotePeak();
        return batch;
    }

    private async Task FinishWriteAsync(PendingWrite pending, byte[] buffer)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // As in Write.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(ex);
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // The send finished on a thread-pool thread; the next write is the writer loop's.
        ContinueLater();
    }

    /// <summary>After a write: back to the end of the writer's turn order if more was queued meanwhile.</summary>
    private void ContinueLater()
    {
        bool more;
        bool completed;
        lock (_gate)
        {
            _writingBytes = 0;
            more = !_closed && _head < _queuedCount;
            completed = !more && StopWriting();
        }

        if (more)
        {
            Writer.Schedule(this);
        }
        else if (completed)
        {
            _owner.OnOutputCompleted();
        }
    }

    /// <summary>The queue ran empty: no write is due any more. Returns whether the output is now complete. Called under the lock.</summary>
    private bool StopWriting()
    {
        _writing = false;
        ReleaseArrays();
        if (!_completing || _closed)
        {
            return false;
        }

        _closed = true;
        return true;
    }

    private void Fail(Exception error)
    {
        Close();
        _owner.OnOutputFailed(error);
    }

    /// <summary>Adds a segment, moving the waiting ones to the front or growing the pooled array when full. Called under the lock.</summary>
    private void Append(OutboundSegment segment)
    {
        if (_queued is null)
        {
            _queued = ArrayPool<OutboundSegment>.Shared.Rent(InitialSegments);
        }
        else if (_queuedCount == _queued.Length)
        {
            var waiting = _queuedCount - _head;
            var target = waiting * 2 <= _queued.Length ? _queued : ArrayPool<OutboundSegment>.Shared.Rent(_queued.Length * 2);
            Array.Copy(_queued, _head, target, 0, waiting);
            if (!ReferenceEquals(target, _queued))
            {
                Array.Clear(_queued, 0, _queuedCount);
                ArrayPool<OutboundSegment>.Shared.Return(_queued);
                _queued = target;
            }
            else
            {
                Array.Clear(_queued, waiting, _queuedCount - waiting);
            }

            _head = 0;
            _queuedCount = waiting;
        }

        _queued[_queuedCount++] = segment;
    }

    /// <summary>Drops what is queued and gives the array back to the pool. Called under the lock.</summary>
    private void ReleaseArrays()
    {
        if (_queued is not null)
        {
            Array.Clear(_queued, 0, _queuedCount);
            ArrayPool<OutboundSegment>.Shared.Return(_queued);
            _queued = null;
        }

        _head = 0;
        _queuedCount = 0;
        _waitingBytes = 0;
        _replays.Clear();
    }
}
