using System;
using System.Collections.Generic;
using System.Numerics;

namespace PushChat.LoadClient;

/// <summary>
/// Latencies in microseconds, exact below 1 ms and within 0.2 % above (512 sub-buckets per
/// power of two), so percentiles of millions of deliveries cost a fixed few hundred kilobytes.
/// Not thread-safe: each receiving thread records into its own and they are merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 1024;
    private const int SubBuckets = 512;
    private const int Exponents = 40;

    private readonly long[] _counts = new long[Linear + (Exponents * SubBuckets)];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public void Record(long micros)
    {
        if (micros < 0)
        {
            micros = 0;
        }

        _counts[Index(micros)]++;
        Count++;
        if (micros > Max)
        {
            Max = micros;
        }
    }

    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>
    /// The non-empty buckets as (index, count) pairs, flattened: what another process needs to
    /// merge this histogram into its own exactly (percentiles of several clients are not averaged).
    /// </summary>
    public long[] ToBuckets()
    {
        var pairs = new List<long>();
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0)
            {
                pairs.Add(i);
                pairs.Add(_counts[i]);
            }
        }

        return pairs.ToArray();
    }

    /// <summary>A histogram rebuilt from <see cref="ToBuckets"/> and its maximum in microseconds.</summary>
    public static LatencyHistogram FromBuckets(IReadOnlyList<long> pairs, long maxMicros)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var histogram = new LatencyHistogram();
        for (var i = 0; i + 1 < pairs.Count; i += 2)
        {
            histogram._counts[pairs[i]] += pairs[i + 1];
            histogram.Count += pairs[i + 1];
        }

        histogram.Max = histogram.Count > 0 ? maxMicros : 0;
        return histogram;
    }

    /// <summary>The value at the given percentile (0–100), in microseconds; 0 when empty.</summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), Max);
            }
        }

        return Max;
    }

    private static int Index(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value) - 9;
        if (exponent > Exponents)
        {
            return Linear + (Exponents * SubBuckets) - 1;
        }

        return Linear + ((exponent - 1) * SubBuckets) + (int)((value >> exponent) - SubBuckets);
    }

    private static long UpperBound(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var exponent = ((index - Linear) / SubBuckets) + 1;
        var mantissa = ((index - Linear) % SubBuckets) + SubBuckets;
        return ((long)(mantissa + 1) << exponent) - 1;
    }
}
