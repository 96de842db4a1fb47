using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// The bounded outbound queue of one connection. Enqueuing never blocks: bytes are queued (a
/// fan-out's by the <see cref="OutboundDispatcher"/>) and, if no write is under way, the queue
/// joins its <see cref="WriterLoop"/>'s turn order. Each turn takes what is queued, up to
/// <see cref="WriteAssembly.WriteCap"/>, and sends it in one write, so a reader that lags gets its
/// lines coalesced instead of costing one system call each. A write gathers the shared, pre-framed
/// buffers of pushed lines as they are (<see cref="WritePieces"/>) and completes through the
/// connection's one <see cref="OutboundSender"/>, so a write neither copies a line nor allocates.
/// A reader whose queued and unsent bytes would exceed its bound (<see cref="QueueBudget"/>) is
/// cut off. Short responses are written at once on the requesting thread instead.
/// </summary>
internal sealed class OutboundQueue
{
    private readonly object _gate = new();
    private readonly OutboundSender _sender;
    private readonly WritePieces _pieces;
    private readonly IOutboundOwner _owner;
    private readonly OutboundDispatcher _dispatcher;

    // What waits to be written and what it costs against the bound; both only under _gate.
    private readonly WriteAssembly _segments;
    private readonly QueueBudget _budget;

    // Set from the moment a write is due until the queue is found empty: the queue is waiting for
    // its turn, being written, or waiting for a send to finish. Only its holder writes.
    private bool _writing;
    private bool _completing;
    private bool _closed;

    /// <summary>
    /// A queue written by the given loop, its output ordered behind the fan-outs of the given
    /// dispatcher: both its server's. Given the connection's plain <paramref name="socket"/>, writes
    /// go to it as gather lists; otherwise to <paramref name="stream"/>. Blocks and arrays come from
    /// the server's <paramref name="pools"/>.
    /// </summary>
    public OutboundQueue(Stream stream, int maxQueuedBytes, IOutboundOwner owner, WriterLoop writer, OutboundDispatcher dispatcher, Socket? socket = null, OutboundPools? pools = null)
    {
        pools ??= new OutboundPools();
        _sender = socket is null ? new StreamSender(stream, this) : new SocketSender(socket, this);
        _pieces = new WritePieces(pools.Blocks, gather: socket is not null);
        _segments = new WriteAssembly(pools.Segments);
        _budget = new QueueBudget(maxQueuedBytes);
        _owner = owner;
        Writer = writer;
        _dispatcher = dispatcher;
    }

    /// <summary>The loop that writes this queue's turns.</summary>
    public WriterLoop Writer { get; }

    /// <summary>The next queue in the <see cref="WriteStarts"/> chain or writer turn order this one waits in, if any.</summary>
    internal OutboundQueue? NextToWrite { get; set; }

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
    internal int PeakCountedBytes => _budget.PeakBytes;

    /// <summary>What sends the queue's writes (for tests).</summary>
    internal OutboundSender Sender => _sender;

    /// <summary>Queues bytes as they are (response heads, whole responses).</summary>
    public bool EnqueueRaw(ReadOnlyMemory<byte> data, DrainBatch? batch = null, bool bounded = true) => Enqueue(new OutboundSegment(data, chunked: false, bounded), batch);

    /// <summary>
    /// Queues bytes as they are, at once, even while fan-outs wait: for bytes whose place among
    /// the lines does not matter (a WebSocket's control frames, RFC 6455 section 5.4), so that they
    /// neither wait for the fan-outs nor split them into one pass over the readers each.
    /// </summary>
    public bool EnqueueNow(ReadOnlyMemory<byte> data, bool bounded = true) => Apply(new OutboundSegment(data, chunked: false, bounded), starts: null);

    /// <summary>Queues body bytes of a chunked response; adjacent ones are sent as one chunk.</summary>
    public bool EnqueueChunk(ReadOnlyMemory<byte> data, DrainBatch? batch = null, bool bounded = true) => Enqueue(new OutboundSegment(data, chunked: true, bounded), batch);

    /// <summary>
    /// Queues a history replay: its lines go out as the reader drains (see <see cref="ReplayAccounting"/>
    /// for how they count). They go as they are when <paramref name="chunked"/> (a chunked
    /// response's chunks, or an upgraded protocol's frames); otherwise as the chunks' payload.
    /// </summary>
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
            CloseLocked();
        }
    }

    /// <summary>One turn, on the writer loop: what is queued, up to <see cref="WriteAssembly.WriteCap"/>, in one write.</summary>
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

            overflow = !_budget.TryCount(segment);
            if (overflow)
            {
                CloseLocked();
            }
            else
            {
                _segments.Append(segment);
                startWrite = !_writing;
                _writing = true;
            }
        }

        return AfterQueuing(overflow, startWrite, starts, inline);
    }

    /// <summary>
    /// Queues a fan-out's lines now, all or none; the bound applies to them together. The lines
    /// come framed for the wire, shared by every reader: when <paramref name="chunked"/> they go as
    /// they are (a chunked response's chunks, an upgraded protocol's frames), otherwise as the
    /// payload of their chunks (<see cref="ChunkFraming.Frame"/>), for an HTTP/1.0 response.
    /// </summary>
    internal void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> framedLines, bool chunked, WriteStarts starts)
    {
        var bytes = WriteAssembly.LineBytes(framedLines, chunked);
        bool overflow;
        var startWrite = false;
        lock (_gate)
        {
            if (_closed || _completing)
            {
                return;
            }

            overflow = !_budget.TryCountLines(bytes);
            if (overflow)
            {
                CloseLocked();
            }
            else
            {
                _segments.AppendLines(framedLines, chunked);
                startWrite = !_writing;
                _writing = true;
            }
        }

        AfterQueuing(overflow, startWrite, starts, inline: false);
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
                _segments.Append(last);
                startWrite = !_writing;
                _writing = true;
            }

            _completing = true;
            finishNow = !_writing;
            if (finishNow)
            {
                _closed = true;
                _sender.Release();
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

    /// <summary>After a write: back to the end of the writer's turn order if more was queued meanwhile.</summary>
    internal void ContinueLater()
    {
        bool more;
        bool completed;
        lock (_gate)
        {
            _budget.EndWrite();
            more = !_closed && !_segments.IsEmpty;
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

    /// <summary>A write failed: the connection is gone, and what is queued with it.</summary>
    internal void Fail(Exception error)
    {
        Close();
        _owner.OnOutputFailed(error);
    }

    private void NotifyOverflow() => OverflowNotice.Post(_owner);

    /// <summary>
    /// After bytes were queued (or the queue cut off) under the lock: tells the owner of an
    /// overflow, or starts the write that became due: here if <paramref name="inline"/>, in
    /// <paramref name="starts"/> if given, else in the writer's turn order.
    /// </summary>
    private bool AfterQueuing(bool overflow, bool startWrite, WriteStarts? starts, bool inline)
    {
        if (overflow)
        {
            NotifyOverflow();
            return false;
        }

        if (startWrite && inline)
        {
            Write(inline: true);
        }
        else if (startWrite && starts is not null)
        {
            starts.Add(this);
        }
        else if (startWrite)
        {
            Writer.Schedule(this);
        }

        return true;
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
    /// Writes what is queued. A send that cannot finish at once (the peer's window is full)
    /// completes on its own (see <see cref="OutboundSender"/>) and then hands the queue back to its
    /// writer. On a writer loop one write is one turn; inline, the calling thread writes until the
    /// queue is empty.
    /// </summary>
    private void Write(bool inline)
    {
        while (true)
        {
            bool completed;
            bool overflow;
            bool idle;
            lock (_gate)
            {
                _budget.EndWrite();
                idle = _closed || _segments.IsEmpty;
                overflow = false;
                completed = idle && StopWriting();
                if (!idle)
                {
                    // Only the queue's one writer fills the pieces, copying under the lock what
                    // must be copied: a block's worth at most.
                    _segments.Take(_budget, _pieces, out overflow);
                    if (overflow)
                    {
                        CloseLocked();
                    }
                }
            }

            if (overflow)
            {
                _pieces.Clear();
                NotifyOverflow();
                return;
            }

            if (idle)
            {
                if (completed)
                {
                    _owner.OnOutputCompleted();
                }

                return;
            }

            if (_pieces.IsEmpty)
            {
                // Only empty chunks were taken: nothing to send.
                continue;
            }

            if (!_sender.Send(_pieces))
            {
                return;
            }

            if (!inline)
            {
                ContinueLater();
                return;
            }
        }
    }

    /// <summary>The queue ran empty: no write is due any more. Returns whether the output is now complete. Called under the lock.</summary>
    private bool StopWriting()
    {
        _writing = false;
        _segments.Release(keep: !_closed && !_completing);
        _budget.ClearWaiting();
        if (!_completing || _closed)
        {
            return false;
        }

        _closed = true;
        _sender.Release();
        return true;
    }

    /// <summary>Closes the queue for good and drops everything queued. Called under the lock.</summary>
    private void CloseLocked()
    {
        _closed = true;
        _sender.Release();
        _segments.Release(keep: false);
        _budget.ClearWaiting();
    }
}
