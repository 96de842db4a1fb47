using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PushChat.LoadClient;

/// <summary>
/// One person talking: a keep-alive connection of its own on which it posts the way a browser's
/// talk form does, one request at a time, each sent when due (or as soon as the previous answer
/// came if that was later) and timed from its scheduled moment to its answer.
/// </summary>
internal sealed class Speaker : IDisposable
{
    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;

    // Servers close keep-alive connections idle for long (PushChat and Kestrel: 130 s); a
    // browser opens a new one then, and so does a speaker idle for this long before a phase.
    private static readonly long StaleTicks = Stopwatch.Frequency * 60;

    private readonly ChatProtocol _protocol;
    private readonly string? _sessionId;
    private readonly TimeSpan _timeout;
    private BufferedSocket _connection;
    private IPEndPoint? _server;
    private long _lastUse;

    public Speaker(int index, ChatProtocol protocol, string? sessionId, TimeSpan timeout)
    {
        Index = index;
        _protocol = protocol;
        _sessionId = sessionId;
        _timeout = timeout;
        _connection = new BufferedSocket(16 * 1024, timeout);
    }

    public int Index { get; }

    /// <summary>Answer times of this phase, in microseconds from each post's scheduled moment.</summary>
    public LatencyHistogram Answers { get; private set; } = new();

    public long Rejected { get; private set; }

    public long Answered { get; private set; }

    public string? Error { get; private set; }

    public void Connect(IPEndPoint server)
    {
        _server = server;
        _connection.Connect(server);
        _lastUse = Stopwatch.GetTimestamp();
    }

    /// <summary>Opens a new connection if this one sat idle long enough for the server to close it.</summary>
    public void Refresh()
    {
        if (Stopwatch.GetTimestamp() - _lastUse > StaleTicks)
        {
            _connection.Dispose();
            _connection = new BufferedSocket(16 * 1024, _timeout);
            Connect(_server!);
        }
    }

    /// <summary>Posts one line and waits for its answer; returns the answer's status.</summary>
    public int Post(string text)
    {
        _connection.Send(_protocol.Post(text, _sessionId));
        var status = _protocol.ReadAnswer(_connection);
        _lastUse = Stopwatch.GetTimestamp();
        return status;
    }

    public LatencyHistogram TakeAnswers()
    {
        var answers = Answers;
        Answers = new LatencyHistogram();
        return answers;
    }

    /// <summary>Posts this speaker's share of a phase: sequences congruent to its index, due at <c>start + j / rate</c>.</summary>
    public void RunShare(long firstSequence, long count, long start, double ticksPerPost, int size, int speakers)
    {
        var text = new StringBuilder(size + 32);
        var j = (((Index - firstSequence) % speakers) + speakers) % speakers;
        try
        {
            Refresh();
            for (; j < count; j += speakers)
            {
                var due = start + (long)(j * ticksPerPost);
                WaitUntil(due);
                text.Clear().Append('@').Append(firstSequence + j).Append('.').Append(due).Append('.');
                if (text.Length < size)
                {
                    text.Append('x', size - text.Length);
                }

                var status = Post(text.ToString());
                Answers.Record((long)((Stopwatch.GetTimestamp() - due) * MicrosPerTick));
                Answered++;
                if (status >= 400)
                {
                    Rejected++;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException)
        {
            Error ??= ex.Message;
        }
    }

    public void Dispose() => _connection.Dispose();

    private static void WaitUntil(long due)
    {
        // Sleeping only (no spinning, which would take CPU from the server on a shared machine):
        // a post goes out at most about a millisecond late, and its latency counts that too.
        while (true)
        {
            var remaining = due - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            Thread.Sleep((int)Math.Max(1, remaining * 1000 / Stopwatch.Frequency));
        }
    }
}
