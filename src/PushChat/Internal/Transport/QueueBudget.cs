using System.Threading;

namespace PushChat.Internal.Transport;

/// <summary>
/// What one reader's bytes cost against its bound (MaxQueuedBytesPerStream): the bytes waiting,
/// those of the write under way, and the most ever counted at once. It exists so that the decision
/// to cut a reader off is made in one place, whichever way its bytes arrive. Not thread-safe: its
/// queue calls it under its lock, except for <see cref="PeakBytes"/>.
/// </summary>
/// <remarks>
/// Bytes being written count until their write completes, so that the bytes a reader holds never
/// pass the bound whatever the state of its writes. A stream's head and goodbye do not count;
/// what a history replay counts is <see cref="ReplayAccounting"/>'s to say.
/// </remarks>
internal sealed class QueueBudget
{
    private readonly int _maxQueuedBytes;
    private readonly ReplayAccounting _replays;
    private int _waitingBytes;
    private int _writingBytes;
    private int _peakBytes;

    public QueueBudget(int maxQueuedBytes)
    {
        _maxQueuedBytes = maxQueuedBytes;
        _replays = new ReplayAccounting(maxQueuedBytes);
    }

    /// <summary>The most bytes ever counted against the bound at once; safe to read without the lock.</summary>
    public int PeakBytes => Volatile.Read(ref _peakBytes);

    /// <summary>Counts a segment as waiting; false, changing nothing, when it does not fit.</summary>
    public bool TryCount(OutboundSegment segment)
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

    /// <summary>Counts a fan-out's <paramref name="bytes"/> as waiting, all or none; false, changing nothing, when they do not fit.</summary>
    public bool TryCountLines(int bytes)
    {
        if (_waitingBytes + _writingBytes + bytes > _maxQueuedBytes)
        {
            return false;
        }

        _waitingBytes += bytes;
        NotePeak();
        return true;
    }

    /// <summary>Plain segments went into a write: their <paramref name="counted"/> bytes stop waiting and count as being written.</summary>
    public void StartWrite(int counted)
    {
        _waitingBytes -= counted;
        _writingBytes = counted;
    }

    /// <summary>Plans the next write of the replay at the head of the queue; see <see cref="ReplayAccounting.PlanWrite"/>.</summary>
    public int PlanReplayWrite(OutboundSegment replay, WritePieces pieces, out int taken) =>
        _replays.PlanWrite(replay, _waitingBytes, pieces, out taken);

    /// <summary>
    /// The replay's lines up to <paramref name="end"/> (<paramref name="taken"/> bytes) went into
    /// a write: they count as being written, and stop waiting if they were counted while waiting.
    /// </summary>
    public void StartReplayWrite(OutboundSegment replay, int end, int taken)
    {
        _waitingBytes -= _replays.Took(replay, end, taken);
        _writingBytes = taken;
        NotePeak();
    }

    /// <summary>The write under way finished (or none was): its bytes no longer count.</summary>
    public void EndWrite() => _writingBytes = 0;

    /// <summary>Forgets the waiting bytes, when the queue drops what it holds; a write under way still counts until it ends.</summary>
    public void ClearWaiting()
    {
        _waitingBytes = 0;
        _replays.Clear();
    }

    private void NotePeak()
    {
        var counted = _waitingBytes + _writingBytes;
        if (counted > _peakBytes)
        {
            Volatile.Write(ref _peakBytes, counted);
        }
    }
}
