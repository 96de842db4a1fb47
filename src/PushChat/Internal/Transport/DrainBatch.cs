using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using PushChat.Internal.Push;

namespace PushChat.Internal.Transport;

/// <summary>
/// What one fan-out sends, gathered by the poster and queued to the readers by the
/// <see cref="OutboundDispatcher"/>: a room's line with the room's readers as they were when it
/// was published, and single queues with their bytes (keep-alive comments). Fan-outs scheduled
/// in an order reach every reader in that order (a room schedules under its lock).
/// </summary>
internal sealed class DrainBatch : OutboundJob
{
    /// <summary>
    /// How many readers a fan-out queues its lines to before it hands the writes that became due
    /// to the writers: they start sending while it goes on, instead of waiting for the last of
    /// thousands of readers (and a writer that has nothing else to do does not sit idle meanwhile).
    /// </summary>
    internal const int ReadersPerWriteStart = 256;

    private const int InitialTargets = 64;

    private readonly OutboundDispatcher _dispatcher;

    // Single queues in order; the bytes change only at run boundaries (usually all the same).
    private OutboundQueue[]? _targets;
    private int _count;
    private Run[] _runs = Array.Empty<Run>();
    private int _runCount;

    // A room's fan-out: its readers (an array the room never changes) and the lines for them all.
    private IFanOutTarget[]? _readers;
    private PushItem[] _lines = Array.Empty<PushItem>();
    private int _lineCount;
    private long _now;

    /// <summary>A batch for the given dispatcher: the server's whose readers it reaches.</summary>
    public DrainBatch(OutboundDispatcher dispatcher) => _dispatcher = dispatcher;

    /// <summary>Adds one queue and its bytes.</summary>
    public void Add(OutboundQueue queue, OutboundSegment segment)
    {
        if (_runCount == 0 || !_runs[_runCount - 1].Segment.Equals(segment))
        {
            if (_runCount == _runs.Length)
            {
                Array.Resize(ref _runs, Math.Max(1, _runCount * 2));
            }

            _runs[_runCount++] = new Run(_count, segment);
        }

        if (_targets is null)
        {
            _targets = ArrayPool<OutboundQueue>.Shared.Rent(InitialTargets);
        }
        else if (_count == _targets.Length)
        {
            var larger = ArrayPool<OutboundQueue>.Shared.Rent(_count * 2);
            Array.Copy(_targets, larger, _count);
            Array.Clear(_targets, 0, _count);
            ArrayPool<OutboundQueue>.Shared.Return(_targets);
            _targets = larger;
        }

        _targets[_count++] = queue;
    }

    /// <summary>
    /// Sends one line (or a line's deletion) to every reader in <paramref name="readers"/>, which the caller must never
    /// change afterwards (a room replaces its array when readers come and go). One per batch.
    /// The line is encoded now, on the calling thread.
    /// </summary>
    public void FanOut(IFanOutTarget[] readers, PushItem line, long now)
    {
        if (_readers is not null)
        {
            throw new InvalidOperationException("A batch carries one fan-out.");
        }

        // Encoded here, on the thread that applies the change and once for all readers: a custom
        // renderer is host code and must not run on the fan-out thread.
        line.RenderAhead();
        _readers = readers;
        _lines = new[] { line };
        _lineCount = 1;
        _now = now;
    }

    /// <summary>
    /// Hands the batch to the dispatcher. Batches that must reach readers in a given order are
    /// scheduled in that order; the batch must not be used afterwards.
    /// </summary>
    public void Schedule()
    {
        if (_count > 0 || (_readers is not null && _readers.Length > 0))
        {
            _dispatcher.Post(this);
        }
    }

    public override bool TryAbsorb(OutboundJob next)
    {
        if (next is not DrainBatch other || _count > 0 || other._count > 0 || _readers is null || !ReferenceEquals(_readers, other._readers))
        {
            return false;
        }

        if (_lineCount + other._lineCount > _lines.Length)
        {
            Array.Resize(ref _lines, Math.Max(_lines.Length * 2, _lineCount + other._lineCount));
        }

        Array.Copy(other._lines, 0, _lines, _lineCount, other._lineCount);
        _lineCount += other._lineCount;
        _now = other._now;
        return true;
    }

    public override void Apply(WriteStarts starts)
    {
        if (_targets is not null)
        {
            ApplyTargets(_targets, starts);
        }

        if (_readers is not null)
        {
            var lines = new ReadOnlySpan<PushItem>(_lines, 0, _lineCount);
            List<(IFanOutTarget Reader, Exception Error)>? failed = null;
            var untilStart = ReadersPerWriteStart;
            foreach (var reader in _readers)
            {
                if (--untilStart == 0)
                {
                    starts.Schedule();
                    untilStart = ReadersPerWriteStart;
                }

                // One reader that throws must cost neither the readers after it their lines nor
                // this thread its time: it is closed, and told so, on another thread.
                try
                {
                    reader.Deliver(lines, _now, starts);
                }
#pragma warning disable CA1031 // Whatever one reader throws, every other reader gets the line.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    (failed ??= new()).Add((reader, ex));
                }
            }

            _readers = null;
            if (failed is not null)
            {
                ThreadPool.QueueUserWorkItem(static state => TellFailed((List<(IFanOutTarget, Exception)>)state!), failed);
            }
        }
    }

    private static void TellFailed(List<(IFanOutTarget Reader, Exception Error)> failed)
    {
        foreach (var (reader, error) in failed)
        {
            try
            {
                reader.DeliveryFailed(error);
            }
#pragma warning disable CA1031 // A thread-pool callback that throws would end the process.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void ApplyTargets(OutboundQueue[] targets, WriteStarts starts)
    {
        for (var r = 0; r < _runCount; r++)
        {
            var end = r + 1 < _runCount ? _runs[r + 1].Start : _count;
            var segment = _runs[r].Segment;
            for (var i = _runs[r].Start; i < end; i++)
            {
                targets[i].Apply(segment, starts);
            }
        }

        Array.Clear(targets, 0, _count);
        ArrayPool<OutboundQueue>.Shared.Return(targets);
        _targets = null;
        _count = 0;
        _runCount = 0;
    }

    private readonly struct Run
    {
        public Run(int start, OutboundSegment segment)
        {
            Start = start;
            Segment = segment;
        }

        public int Start { get; }

        public OutboundSegment Segment { get; }
    }
}
