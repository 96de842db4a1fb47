using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Internal.Transport;

/// <summary>
/// The bounded outbound queue of one connection and its writer. Enqueuing never blocks: bytes
/// are queued and a drain is scheduled on the thread pool if none is running. The drain takes
/// everything queued and sends it in one write, so a reader that lags gets its lines coalesced
/// instead of costing one system call each. A reader whose queue exceeds its bound is cut off.
/// </summary>
internal sealed class OutboundQueue
#if NET
    : IThreadPoolWorkItem
#endif
{
    private const int ChunkFramingBytes = 8 + 2 + 2;
    private const int InitialSegments = 8;
    private static readonly byte[] CrLf = { (byte)'\r', (byte)'\n' };

    private readonly object _gate = new();
    private readonly Stream _stream;
    private readonly int _maxQueuedBytes;
    private readonly IOutboundOwner _owner;

    // Segment arrays come from a shared pool and go back to it whenever the queue runs empty:
    // idle push readers, most of the connections a chat holds, keep none.
    private Segment[]? _queued;
    private int _queuedCount;
    private Segment[]? _spare;
    private int _queuedBytes;

    // Only live bytes count against the bound: a history replay, sized by the room's history,
    // must never cost a new reader its stream.
    private int _boundedBytes;
    private bool _draining;
    private bool _completing;
    private bool _closed;

    public OutboundQueue(Stream stream, int maxQueuedBytes, IOutboundOwner owner)
    {
        _stream = stream;
        _maxQueuedBytes = maxQueuedBytes;
        _owner = owner;
    }

    /// <summary>Queues bytes as they are (response heads, whole responses).</summary>
    public bool EnqueueRaw(ReadOnlyMemory<byte> data, DrainBatch? batch = null, bool bounded = true) => Enqueue(new Segment(data, chunked: false), batch, bounded);

    /// <summary>Queues body bytes of a chunked response; adjacent ones are sent as one chunk.</summary>
    public bool EnqueueChunk(ReadOnlyMemory<byte> data, DrainBatch? batch = null, bool bounded = true) => Enqueue(new Segment(data, chunked: true), batch, bounded);

    /// <summary>Sends what is queued, then tells the owner the output is finished. Later enqueues are refused.</summary>
    public void Complete()
    {
        bool finishNow;
        lock (_gate)
        {
            if (_completing || _closed)
            {
                return;
            }

            _completing = true;
            finishNow = !_draining;
            if (finishNow)
            {
                _closed = true;
            }
        }

        if (finishNow)
        {
            _owner.OnOutputCompleted();
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

#if NET
    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();
#endif

    /// <summary>The next queue in the <see cref="DrainBatch"/> this one waits in, if any.</summary>
    internal OutboundQueue? NextInBatch { get; set; }

    /// <summary>Runs the writer now, on the calling thread, until a send has to wait.</summary>
    public void RunDrain() => _ = DrainAsync();

    /// <summary>
    /// Queues bytes. When the queue needs its writer started, the writer joins <paramref name="batch"/>
    /// if one is given (a fan-out starts all its writers in one work item), or is scheduled alone.
    /// </summary>
    private bool Enqueue(Segment segment, DrainBatch? batch, bool bounded)
    {
        bool overflow;
        var startDrain = false;
        lock (_gate)
        {
            if (_closed || _completing)
            {
                return false;
            }

            overflow = bounded && _boundedBytes + segment.Data.Length > _maxQueuedBytes;
            if (overflow)
            {
                _closed = true;
                ReleaseArrays();
            }
            else
            {
                Append(segment);
                _queuedBytes += segment.Data.Length;
                if (bounded)
                {
                    _boundedBytes += segment.Data.Length;
                }

                startDrain = !_draining;
                _draining = true;
            }
        }

        if (overflow)
        {
            _owner.OnOutputOverflow();
            return false;
        }

        if (startDrain && batch is not null)
        {
            batch.Add(this);
        }
        else if (startDrain)
        {
#if NET
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
#else
            ThreadPool.UnsafeQueueUserWorkItem(static state => _ = ((OutboundQueue)state!).DrainAsync(), this);
#endif
        }

        return true;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            Segment[] batch;
            int count;
            int bytes;
            lock (_gate)
            {
                if (_closed || _queuedCount == 0)
                {
                    _draining = false;
                    ReleaseArrays();
                    if (!_completing || _closed)
                    {
                        return;
                    }

                    _closed = true;
                    break;
                }

                batch = _queued!;
                count = _queuedCount;
                bytes = _queuedBytes;
                _queued = _spare;
                _spare = null;
                _queuedCount = 0;
                _queuedBytes = 0;
                _boundedBytes = 0;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(bytes + (count * ChunkFramingBytes));
            try
            {
                var length = Frame(batch, count, buffer);
                Array.Clear(batch, 0, count);
                lock (_gate)
                {
                    if (_spare is null && !_closed)
                    {
                        _spare = batch;
                    }
                    else
                    {
                        ArrayPool<Segment>.Shared.Return(batch);
                    }
                }

#if NET
                await _stream.WriteAsync(buffer.AsMemory(0, length)).ConfigureAwait(false);
#else
                await _stream.WriteAsync(buffer, 0, length).ConfigureAwait(false);
#endif
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                Close();
                _owner.OnOutputFailed(ex);
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        _owner.OnOutputCompleted();
    }

    /// <summary>Adds a segment, growing the pooled array when full. Called under the lock.</summary>
    private void Append(Segment segment)
    {
        if (_queued is null)
        {
            _queued = ArrayPool<Segment>.Shared.Rent(InitialSegments);
        }
        else if (_queuedCount == _queued.Length)
        {
            var larger = ArrayPool<Segment>.Shared.Rent(_queued.Length * 2);
            Array.Copy(_queued, larger, _queuedCount);
            Array.Clear(_queued, 0, _queuedCount);
            ArrayPool<Segment>.Shared.Return(_queued);
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
            ArrayPool<Segment>.Shared.Return(_queued);
            _queued = null;
        }

        if (_spare is not null)
        {
            ArrayPool<Segment>.Shared.Return(_spare);
            _spare = null;
        }

        _queuedCount = 0;
        _queuedBytes = 0;
        _boundedBytes = 0;
    }

    /// <summary>Copies the batch into one buffer, wrapping each run of body bytes in one chunk (RFC 9112 §7.1).</summary>
    private static int Frame(Segment[] batch, int count, byte[] buffer)
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

    private readonly struct Segment
    {
        public Segment(ReadOnlyMemory<byte> data, bool chunked)
        {
            Data = data;
            Chunked = chunked;
        }

        public ReadOnlyMemory<byte> Data { get; }

        public bool Chunked { get; }
    }
}
