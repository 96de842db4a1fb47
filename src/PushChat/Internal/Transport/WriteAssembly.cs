using System;

namespace PushChat.Internal.Transport;

/// <summary>
/// The segments of one queue waiting to be written, and how they are gathered into writes: each
/// write takes what waits at the head, up to <see cref="WriteCap"/>, into the connection's
/// <see cref="WritePieces"/>: shared buffers as they are, framing and small bytes copied into a
/// pinned block. It exists so that the queue's locking and turn-taking are not mixed with array
/// bookkeeping. Not thread-safe: its queue calls it under its lock.
/// </summary>
/// <remarks>
/// The queue keeps a small segment array of its own (a few hundred bytes), so that a reader fed a
/// line at a time allocates nothing; while lines pile up it borrows larger ones from the server's
/// <see cref="SegmentArrayPool"/> and gives them back once written. A write needs no array of its
/// own: its pieces are the connection's for life.
/// </remarks>
internal sealed class WriteAssembly
{
    /// <summary>
    /// The most one write sends, unless a single segment is larger: a socket whose send buffer
    /// holds tens of kilobytes gains nothing from larger writes, and a lagging reader's lines
    /// still go out a few dozen to a system call.
    /// </summary>
    internal const int WriteCap = 64 * 1024;

    private const int InitialSegments = SegmentArrayPool.OwnSize;

    private readonly SegmentArrayPool _pool;


    // The segments waiting are those from _head to _queuedCount.
    private OutboundSegment[]? _queued;
    private int _head;
    private int _queuedCount;

    public WriteAssembly(SegmentArrayPool pool) => _pool = pool;

    /// <summary>Whether no segment waits.</summary>
    public bool IsEmpty => _head == _queuedCount;

    /// <summary>
    /// The bytes a fan-out's lines, framed as chunks (<see cref="ChunkFraming.Frame"/>), take in a
    /// queue: whole in a chunked response, their payload in any other.
    /// </summary>
    public static int LineBytes(ReadOnlySpan<ReadOnlyMemory<byte>> framedLines, bool chunked)
    {
        var bytes = 0;
        foreach (var line in framedLines)
        {
            bytes += chunked ? line.Length : ChunkFraming.Payload(line).Length;
        }

        return bytes;
    }

    /// <summary>Adds a fan-out's lines, as <see cref="LineBytes"/> counts them.</summary>
    public void AppendLines(ReadOnlySpan<ReadOnlyMemory<byte>> framedLines, bool chunked)
    {
        foreach (var line in framedLines)
        {
            Append(new OutboundSegment(chunked ? line : ChunkFraming.Payload(line), chunked: false));
        }
    }

    /// <summary>Adds a segment, moving the waiting ones to the front or growing the pooled array when full.</summary>
    public void Append(OutboundSegment segment)
    {
        if (_queued is null)
        {
            _queued = _pool.Rent(InitialSegments);
        }
        else if (_queuedCount == _queued.Length)
        {
            var waiting = _queuedCount - _head;
            var target = waiting * 2 <= _queued.Length ? _queued : _pool.Rent(_queued.Length * 2);
            Array.Copy(_queued, _head, target, 0, waiting);
            if (ReferenceEquals(target, _queued))
            {
                Array.Clear(target, waiting, target.Length - waiting);
            }
            else
            {
                Array.Clear(_queued, 0, _queued.Length);
                GiveBack(_queued);
                _queued = target;
            }

            _head = 0;
            _queuedCount = waiting;
        }

        _queued[_queuedCount++] = segment;
    }

    /// <summary>
    /// Takes the next write from the head (which must not be empty) into <paramref name="pieces"/>
    /// (which must be empty) and moves its bytes in <paramref name="budget"/> from waiting to
    /// being written. <paramref name="overflow"/> says that not even one line of the replay at the
    /// head fits the bound.
    /// </summary>
    public void Take(QueueBudget budget, WritePieces pieces, out bool overflow)
    {
        if (_queued![_head].IsReplay)
        {
            TakeReplay(budget, pieces, out overflow);
        }
        else
        {
            overflow = false;
            TakeSegments(budget, pieces);
        }
    }

    /// <summary>
    /// Drops what waits. The array stays for the next line while it is small, unless the queue is
    /// done with (<paramref name="keep"/> false); a grown one goes, so a reader that once lagged
    /// does not keep its peak for life.
    /// </summary>
    public void Release(bool keep)
    {
        if (_queued is not null)
        {
            Array.Clear(_queued, _head, _queuedCount - _head);
            if (!keep || _queued.Length > InitialSegments)
            {
                GiveBack(_queued);
                _queued = null;
            }
        }

        _head = 0;
        _queuedCount = 0;
    }

    private void GiveBack(OutboundSegment[] array) => _pool.Return(array);

    /// <summary>Takes the plain segments from the head, up to the first replay and what one write holds (at least one).</summary>
    private void TakeSegments(QueueBudget budget, WritePieces pieces)
    {
        var end = _head;
        var counted = 0;
        while (end < _queuedCount && !_queued![end].IsReplay)
        {
            var segment = _queued[end];
            int taken;
            if (segment.Chunked)
            {
                var runEnd = end + 1;
                while (runEnd < _queuedCount && _queued[runEnd].Chunked && !_queued[runEnd].IsReplay)
                {
                    runEnd++;
                }

                taken = pieces.TakeChunkRun(_queued, end, runEnd);
            }
            else
            {
                taken = pieces.TryAddRaw(segment.Data) ? 1 : 0;
            }

            if (taken == 0)
            {
                break;
            }

            for (var i = end; i < end + taken; i++)
            {
                counted += _queued[i].Bounded ? _queued[i].Data.Length : 0;
            }

            end += taken;
        }

        Array.Clear(_queued!, _head, end - _head);
        _head = end;
        budget.StartWrite(counted);
    }

    /// <summary>Takes the next lines of the replay at the head, as many as <see cref="ReplayAccounting.PlanWrite"/> allows.</summary>
    private void TakeReplay(QueueBudget budget, WritePieces pieces, out bool overflow)
    {
        var replay = _queued![_head];
        var end = budget.PlanReplayWrite(replay, pieces, out var taken);
        overflow = end == replay.ReplayStart;
        if (overflow)
        {
            return;
        }

        if (end == replay.ReplayLines!.Length)
        {
            _queued[_head++] = default;
        }
        else
        {
            _queued[_head] = replay.ReplayFrom(end);
        }

        budget.StartReplayWrite(replay, end, taken);
    }
}
