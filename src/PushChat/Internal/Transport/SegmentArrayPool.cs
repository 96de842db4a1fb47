using System;

namespace PushChat.Internal.Transport;

/// <summary>
/// A server's segment arrays for its queues: a queue keeps a small one while its reader is fed a
/// line at a time, and takes a larger one from here while lines pile up, giving it back once
/// they are written. The
/// shared <see cref="System.Buffers.ArrayPool{T}"/> keeps a few dozen arrays of a size; when
/// thousands of readers lag at once, as they do when the machine is busy, it would run dry and
/// every queue would allocate, so this pool keeps every array it ever made, as many as lagged at
/// once (which the readers' bounds cap), and never gives them back to the garbage collector.
/// </summary>
internal sealed class SegmentArrayPool
{
    /// <summary>The size of a queue's own array, the smallest this pool hands out.</summary>
    public const int OwnSize = 8;

    // Free arrays by size class: index i holds arrays of OwnSize << i segments.
    private readonly object _gate = new();
    private readonly OutboundSegment[][][] _free = new OutboundSegment[24][][];
    private readonly int[] _freeCount = new int[24];

    /// <summary>An array of at least <paramref name="minimum"/> segments, cleared.</summary>
    public OutboundSegment[] Rent(int minimum)
    {
        var size = OwnSize;
        var index = 0;
        while (size < minimum)
        {
            size *= 2;
            index++;
        }

        lock (_gate)
        {
            if (_freeCount[index] > 0)
            {
                var array = _free[index][--_freeCount[index]];
                _free[index][_freeCount[index]] = null!;
                return array;
            }
        }

        return new OutboundSegment[size];
    }

    /// <summary>Takes back an array from <see cref="Rent"/>, which the caller has cleared.</summary>
    public void Return(OutboundSegment[] array)
    {
        var index = 0;
        for (var size = OwnSize; size < array.Length; size *= 2)
        {
            index++;
        }

        lock (_gate)
        {
            var free = _free[index] ??= new OutboundSegment[16][];
            if (_freeCount[index] == free.Length)
            {
                Array.Resize(ref _free[index], free.Length * 2);
            }

            _free[index][_freeCount[index]++] = array;
        }
    }
}
