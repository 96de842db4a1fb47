using System;
using System.Buffers;
using System.IO;
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
/// turn takes everything queued and sends it in one write, so a reader that lags gets its lines
/// coalesced instead of costing one system call each. A reader whose queue exceeds its bound is
/// cut off. Short responses are written at once on the requesting thread instead.
/// </summary>
internal sealed class OutboundQueue
{
    private const int ChunkFramingBytes = 8 + 2 + 2;
    private const int InitialSegments = 8;
    private static readonly byte[] CrLf = { (byte)'\r', (byte)'\n' };

    private readonly object _gate = new();
    private readonly Stream _stream;
    private readonly int _maxQueuedBytes;
    private readonly IOutboundOwner _owner;
    private readonly OutboundDispatcher _dispatcher;

    // Segment arrays come from a shared pool and go back to it whenever the queue runs empty:
    // idle push readers, most of the connections a chat holds, keep none.
    private OutboundSegment[]? _queued;
    private int _queuedCount;
    private OutboundSegment[]? _spare;
    private int _queuedBytes;

    // Only live bytes count against the bound: a history replay, sized by the room's history,
    // must never cost a new reader its stream.
    private int _boundedBytes;

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
        _owner = owner;
        Writer = writer ?? OutboundWriters.Next();
        _dispatcher = dispatcher ?? OutboundDispatcher.Shared;
    }

    /// <summary>The loop that writes this queue's turns.</summary>
    public WriterLoop Writer { get; }

    /// <summary>The next queue in the <see cref="WriteStarts"/> chain or writer turn order this one waits in, if any.</summary>
    internal OutboundQueue? NextToWrite { get; set; }

    /// <summary>Queues bytes as they are (response heads, whole responses).</summary>
    public bool EnqueueRaw(ReadOnlyMemory<byte> data, DrainBatch? batch = null, bool bounded = true) => Enqueue(new OutboundSegment(data, chunked: false, bounded), batch);

    /// <summary>Queues body bytes of a chunked response; adjacent ones are sent as one chunk.</summary>
    public bool EnqueueChunk(ReadOnlyMemory<byte> data, DrainBatch? batch = null, bool bounded = true) => Enqueue(new OutboundSegment(data, chunked: true, bounded), batch);

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

    /// <summary>One turn, on the writer loop: everything queued in one write.</summary>
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

            overflow = segment.Bounded && _boundedBytes + segment.Data.Length > _maxQueuedBytes;
            if (overflow)
            {
                _closed = true;
                ReleaseArrays();
            }
            else
            {
                Append(segment);
                _queuedBytes += segment.Data.Length;
                if (segment.Bounded)
                {
                    _boundedBytes += segment.Data.Length;
                }

                startWrite = !_writing;
                _writing = true;
            }
        }

        if (overflow)
        {
            _owner.OnOutputOverflow();
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

            overflow = _boundedBytes + bytes > _maxQueuedBytes;
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

                _queuedBytes += bytes;
                _boundedBytes += bytes;
                startWrite = !_writing;
                _writing = true;
            }
        }

        if (overflow)
        {
            _owner.OnOutputOverflow();
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
                _queuedBytes += last.Data.Length;
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
    /// Writes everything queued. A send that cannot finish at once (the peer's window is full)
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
            lock (_gate)
            {
                if (_closed || _queuedCount == 0)
                {
                    completed = StopWriting();
                    batch = Array.Empty<OutboundSegment>();
                    count = bytes = 0;
                }
                else
                {
                    completed = false;
                    batch = _queued!;
                    count = _queuedCount;
                    bytes = _queuedBytes;
                    _queued = _spare;
                    _spare = null;
                    _queuedCount = 0;
                    _queuedBytes = 0;
                    _boundedBytes = 0;
                }
            }

            if (count == 0)
            {
                if (completed)
                {
                    _owner.OnOutputCompleted();
                }

                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(bytes + (count * ChunkFramingBytes));
            var length = Frame(batch, count, buffer);
            Recycle(batch, count);
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
            more = !_closed && _queuedCount > 0;
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

    /// <summary>Keeps a framed batch's array as the spare for the next one, or gives it back.</summary>
    private void Recycle(OutboundSegment[] batch, int count)
    {
        Array.Clear(batch, 0, count);
        lock (_gate)
        {
            if (_spare is null && !_closed)
            {
                _spare = batch;
                return;
            }
        }

        ArrayPool<OutboundSegment>.Shared.Return(batch);
    }

    private void Fail(Exception error)
    {
        Close();
        _owner.OnOutputFailed(error);
    }

    /// <summary>Adds a segment, growing the pooled array when full. Called under the lock.</summary>
    private void Append(OutboundSegment segment)
    {
        if (_queued is null)
        {
            _queued = ArrayPool<OutboundSegment>.Shared.Rent(InitialSegments);
        }
        else if (_queuedCount == _queued.Length)
        {
            var larger = ArrayPool<OutboundSegment>.Shared.Rent(_queued.Length * 2);
            Array.Copy(_queued, larger, _queuedCount);
            Array.Clear(_queued, 0, _queuedCount);
            ArrayPool<OutboundSegment>.Shared.Return(_queued);
            _queued = larger;
        }

        _queued[_queuedCount++] = segment;
    }

    /// <summary>Drops what is queued and gives the arrays back to the pool. Called under the lock.</summary>
    private void ReleaseArrays()
    {
        if (_queued is not null)
        {
            Array.Clear(_queued, 0, _queuedCount);
            ArrayPool<OutboundSegment>.Shared.Return(_queued);
            _queued = null;
        }

        if (_spare is not null)
        {
            ArrayPool<OutboundSegment>.Shared.Return(_spare);
            _spare = null;
        }

        _queuedCount = 0;
        _queuedBytes = 0;
        _boundedBytes = 0;
    }

    /// <summary>Copies the batch into one buffer, wrapping each run of body bytes in one chunk (RFC 9112 §7.1).</summary>
    private static int Frame(OutboundSegment[] batch, int count, byte[] buffer)
    {
        var length = 0;
        var i = 0;
        while (i < count)
        {
            if (!batch[i].Chunked)
            {
                length += Copy(batch[i].Data.Span, buffer, length);
                i++;
                continue;
            }

            var runEnd = i;
            var runBytes = 0;
            while (runEnd < count && batch[runEnd].Chunked)
            {
                runBytes += batch[runEnd].Data.Length;
                runEnd++;
            }

            if (runBytes > 0)
            {
                length += WriteHex(runBytes, buffer, length);
                length += Copy(CrLf, buffer, length);
                for (; i < runEnd; i++)
                {
                    length += Copy(batch[i].Data.Span, buffer, length);
                }

                length += Copy(CrLf, buffer, length);
            }

            i = runEnd;
        }

        return length;
    }

    /// <summary>Writes the chunk size in lower-case hex without allocating.</summary>
    private static int WriteHex(int value, byte[] destination, int offset)
    {
        var digits = 1;
        for (var rest = value >> 4; rest != 0; rest >>= 4)
        {
            digits++;
        }

        for (var i = digits - 1; i >= 0; i--)
        {
            destination[offset + i] = (byte)"0123456789abcdef"[value & 0xF];
            value >>= 4;
        }

        return digits;
    }

    private static int Copy(ReadOnlySpan<byte> source, byte[] destination, int offset)
    {
        source.CopyTo(destination.AsSpan(offset));
        return source.Length;
    }
}
