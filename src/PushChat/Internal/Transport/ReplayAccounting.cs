using System;

namespace PushChat.Internal.Transport;

/// <summary>
/// What history replays cost against a reader's bound, and which of a replay's lines go into its
/// next write. Not thread-safe: its queue calls it under its lock.
/// </summary>
/// <remarks>
/// A replay counts as its lines are taken into writes, but the newest replay waiting is free: a
/// new reader's replay, sized by the room's history, comes as the reader drains and never costs
/// it its stream, while a reader moved room after room without reading pays for every older replay.
/// </remarks>
internal sealed class ReplayAccounting
{
    private readonly int _maxQueuedBytes;
    private ReadOnlyMemory<byte>[]? _free;
    private int _freeBytesLeft;

    public ReplayAccounting(int maxQueuedBytes) => _maxQueuedBytes = maxQueuedBytes;

    /// <summary>
    /// Makes <paramref name="replay"/> the free one. The replay that was free so far starts to
    /// count: <paramref name="nowCounted"/> says by how much. False, changing nothing, when those
    /// bytes do not fit beside the <paramref name="counted"/> ones.
    /// </summary>
    public bool TryQueue(OutboundSegment replay, int counted, out int nowCounted)
    {
        nowCounted = _free is null ? 0 : _freeBytesLeft;
        if (counted + nowCounted > _maxQueuedBytes)
        {
            return false;
        }

        _free = replay.ReplayLines;
        _freeBytesLeft = replay.ReplayBytesLeft();
        return true;
    }

    /// <summary>
    /// Plans the next write of <paramref name="replay"/>: adds its lines from
    /// <see cref="OutboundSegment.ReplayStart"/> to <paramref name="pieces"/> while they fit the
    /// write, and for the free replay only while its lines fit beside the
    /// <paramref name="waitingBytes"/>, since they start to count here: the first line within the
    /// bound, the others within half of it, so that the write in flight leaves room for the live
    /// lines that come meanwhile (a line is at most half the bound, as validated). Returns the end
    /// of the lines taken and their bytes; an end at the start means not even one fits.
    /// </summary>
    public int PlanWrite(OutboundSegment replay, int waitingBytes, WritePieces pieces, out int taken)
    {
        var lines = replay.ReplayLines!;
        var free = ReferenceEquals(lines, _free);
        var end = replay.ReplayStart;
        taken = 0;
        while (end < lines.Length)
        {
            var size = lines[end].Length;
            if (free && waitingBytes + taken + size > (taken == 0 ? _maxQueuedBytes : _maxQueuedBytes / 2))
            {
                break;
            }

            if (!pieces.TryAddRaw(lines[end]))
            {
                break;
            }

            taken += size;
            end++;
        }

        return end;
    }

    /// <summary>
    /// Records that the lines of <paramref name="replay"/> up to <paramref name="end"/>
    /// (<paramref name="taken"/> bytes) went into a write. Returns the bytes that leave the
    /// waiting ones: none for the free replay, whose lines were not counted while they waited.
    /// </summary>
    public int Took(OutboundSegment replay, int end, int taken)
    {
        if (!ReferenceEquals(replay.ReplayLines, _free))
        {
            return taken;
        }

        _freeBytesLeft -= taken;
        if (end == replay.ReplayLines!.Length)
        {
            _free = null;
        }

        return 0;
    }

    /// <summary>Forgets the free replay, when the queue drops what it holds.</summary>
    public void Clear()
    {
        _free = null;
        _freeBytesLeft = 0;
    }
}
