using System;
using System.Buffers;

namespace PushChat.Internal.Transport;

/// <summary>
/// The segments of one queue waiting to be written, and how they are gathered into writes: each
/// write takes what waits at the head, up to <see cref="WriteCap"/>, and copies it, framed, into
/// one pooled buffer. It exists so that the queue's locking and turn-taking are not mixed with
/// array bookkeeping. Not thread-safe: its queue calls the instance members under its lock; the
/// copy itself (<see cref="Copy"/>) is made outside it.
/// </summary>
/// <remarks>
/// Every array here comes from a shared pool and goes back to it: the segment array whenever the
/// queue runs empty, so that idle push readers, most of the connections a chat holds, keep none;
/// a write's segments once copied; a write's buffer once sent.
/// </remarks>
internal sealed class WriteAssembly
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

    // The segments waiting are those from _head to _queuedCount.
    private OutboundSegment[]? _queued;
    private int _head;
    private int _queuedCount;

    /// <summary>Whether no segment waits.</summary>
    public bool IsEmpty => _head == _queuedCount;

    /// <summary>
    /// Copies a write's segments, framed, into one pooled buffer of at least <paramref name="bytes"/>
    /// and gives the segment array back to the pool. Return the buffer with <see cref="ReturnBuffer"/>
    /// once the write is done.
    /// </summary>
    public static byte[] Copy(OutboundSegment[] batch, int count, int bytes, out int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bytes);
        length = ChunkFraming.Frame(batch, count, buffer);
        Array.Clear(batch, 0, count);
        ArrayPool<OutboundSegment>.Shared.Return(batch);
        return buffer;
    }

    /// <summary>Gives a write's buffer back to the pool.</summary>
    public static void ReturnBuffer(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    /// <summary>Adds a segment, moving the waiting ones to the front or growing the pooled array when full.</summary>
    public void Append(OutboundSegment segment)
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

    /// <summary>
    /// Takes the next write from the head (which must not be empty) and moves its bytes in
    /// <paramref name="budget"/> from waiting to being written. Returns the segments, in a pooled
    /// array, with their count and the buffer they need framed; <paramref name="overflow"/> says
    /// that not even one line of the replay at the head fits the bound.
    /// </summary>
    public OutboundSegment[] Take(QueueBudget budget, out int count, out int bytes, out bool overflow) =>
        _queued![_head].IsReplay ? TakeReplay(budget, out count, out bytes, out overflow) : TakeSegments(budget, out count, out bytes, out overflow);

    /// <summary>Drops what waits and gives the array back to the pool.</summary>
    public void Release()
    {
        if (_queued is not null)
        {
            Array.Clear(_queued, 0, _queuedCount);
            ArrayPool<OutboundSegment>.Shared.Return(_queued);
            _queued = null;
        }

        _head = 0;
        _queuedCount = 0;
    }

    /// <summary>Takes the plain segments from the head, up to the first replay and <see cref="WriteCap"/> (at least one).</summary>
    private OutboundSegment[] TakeSegments(QueueBudget budget, out int count, out int bytes, out bool overflow)
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
        budget.StartWrite(counted);
        return batch;
    }

    /// <summary>Takes the next lines of the replay at the head, as many as <see cref="ReplayAccounting.PlanWrite"/> allows.</summary>
    private OutboundSegment[] TakeReplay(QueueBudget budget, out int count, out int bytes, out bool overflow)
    {
        var replay = _queued![_head];
        var lines = replay.ReplayLines!;
        var end = budget.PlanReplayWrite(replay, out var taken, out bytes);
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

        budget.StartReplayWrite(replay, end, taken);
        return batch;
    }
}
