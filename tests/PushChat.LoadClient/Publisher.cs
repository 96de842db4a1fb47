using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace PushChat.LoadClient;

/// <summary>
/// The open-loop publisher: post i is due at <c>start + i / rate</c> and carries that scheduled
/// time, whether or not the server kept up, so queueing anywhere shows as latency. Posts are
/// spread round-robin over <see cref="Speaker"/>s, each on its own keep-alive connection (a
/// browser's talk form: one request at a time), and each answer is timed.
/// </summary>
internal sealed class Publisher : IDisposable
{
    private readonly Speaker[] _speakers;

    public Publisher(Speaker[] speakers) => _speakers = speakers;

    public long Answered => _speakers.Sum(s => s.Answered);

    public long Rejected => _speakers.Sum(s => s.Rejected);

    public string? Error => _speakers.Select(s => s.Error).FirstOrDefault(e => e is not null);

    public void Connect(IPEndPoint server)
    {
        foreach (var speaker in _speakers)
        {
            speaker.Connect(server);
        }
    }

    /// <summary>A sync line: sequence 0, its id in the tick field; readers note the highest seen.</summary>
    public bool PostSync(long id)
    {
        _speakers[0].Refresh();
        return _speakers[0].Post($"@0.{id.ToString(CultureInfo.InvariantCulture)}.") < 400;
    }

    /// <summary>
    /// Posts <paramref name="count"/> lines at <paramref name="rate"/> per second, each speaker on
    /// its own thread; returns when every post was answered or a speaker failed.
    /// </summary>
    public void RunOpenLoop(long firstSequence, long count, double rate, int size)
    {
        var ticksPerPost = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        var threads = _speakers.Select(speaker => new Thread(() => speaker.RunShare(firstSequence, count, start, ticksPerPost, size, _speakers.Length))
        {
            IsBackground = true,
            Name = "speaker-" + speaker.Index.ToString(CultureInfo.InvariantCulture),
        }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }

    /// <summary>The answer times of every speaker since the last call, merged.</summary>
    public LatencyHistogram TakeAnswers()
    {
        var merged = new LatencyHistogram();
        foreach (var speaker in _speakers)
        {
            merged.Add(speaker.TakeAnswers());
        }

        return merged;
    }

    public void Dispose()
    {
        foreach (var speaker in _speakers)
        {
            speaker.Dispose();
        }
    }
}
