using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using PushChat.LoadClient.Native;

namespace PushChat.LoadClient;

/// <summary>
/// The open-loop publisher: post i is due at <c>start + i / rate</c> and carries that scheduled
/// time, whether or not the server kept up, so queueing anywhere shows as latency. Post i is
/// spoken by speaker <c>i mod speakers</c>, each on its own keep-alive connection, one request at
/// a time as a browser's talk form sends them; many speakers post independently, as a crowd
/// does, so a server that answers slowly faces more posts in flight, not fewer. Every answer is
/// timed from its post's scheduled moment. One thread drives all speakers through epoll.
/// </summary>
internal sealed unsafe class Publisher : IDisposable
{
    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private readonly Speaker[] _speakers;
    private readonly ChatProtocol _protocol;
    private LatencyHistogram _answers = new();
    private long _answered;
    private long _rejected;

    public Publisher(Speaker[] speakers, ChatProtocol protocol)
    {
        _speakers = speakers;
        _protocol = protocol;
    }

    public long Answered => Interlocked.Read(ref _answered);

    public long Rejected => Interlocked.Read(ref _rejected);

    public string? Error { get; private set; }

    /// <summary>The status of the last refused post (0 when none was), to say why posts were refused.</summary>
    public int LastRefusedStatus { get; private set; }

    /// <summary>Connects every speaker to its node (<see cref="ClientOptions.NodeOf"/>): posts go through every node in turn.</summary>
    public void Connect(ClientOptions options)
    {
        foreach (var speaker in _speakers)
        {
            speaker.Connect(options.NodeOf(speaker.Index), options.Source);
        }
    }

    /// <summary>A sync line: sequence 0, its id in the tick field; readers note the highest seen.</summary>
    /// <returns>The answer's status (below 400 when the line was taken).</returns>
    public int PostSync(long id)
    {
        _speakers[0].Refresh();
        return _speakers[0].Post($"@0.{id.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>
    /// Posts <paramref name="count"/> lines at <paramref name="rate"/> per second on the calling
    /// thread; returns whether every post was answered within <paramref name="limitSeconds"/>.
    /// </summary>
    public bool RunOpenLoop(long firstSequence, long count, double rate, int size, double limitSeconds)
    {
        foreach (var speaker in _speakers)
        {
            speaker.Refresh();
        }

        var epoll = Epoll.Create();
        var events = stackalloc byte[256 * Epoll.EventSize];
        try
        {
            for (var i = 0; i < _speakers.Length; i++)
            {
                Epoll.Add(epoll, _speakers[i].Fd, i);
            }

            var ticksPerPost = Stopwatch.Frequency / rate;
            var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
            var limit = start + (long)(limitSeconds * Stopwatch.Frequency);
            var text = new StringBuilder(size + 32);
            long next = 0;
            long unanswered = 0;
            while (next < count || unanswered > 0)
            {
                var now = Stopwatch.GetTimestamp();
                if (now > limit)
                {
                    return false;
                }

                for (; next < count && start + (long)(next * ticksPerPost) <= now; next++)
                {
                    var sequence = firstSequence + next;
                    var speaker = _speakers[sequence % _speakers.Length];
                    var due = start + (long)(next * ticksPerPost);
                    unanswered++;
                    if (speaker.AwaitedDue == 0)
                    {
                        Send(speaker, sequence, due, size, text);
                    }
                    else
                    {
                        speaker.Waiting.Enqueue((sequence, due));
                    }
                }

                var timeout = next < count
                    ? (int)Math.Max(0, ((start + (long)(next * ticksPerPost) - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency) + 1)
                    : 100;
                var ready = Epoll.Wait(epoll, events, 256, timeout);
                for (var e = 0; e < ready; e++)
                {
                    var speaker = _speakers[Epoll.DataAt(events, e)];
                    unanswered -= Receive(speaker, size, text);
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Net.Sockets.SocketException)
        {
            Error ??= ex.Message;
            return false;
        }
        finally
        {
            Epoll.Close(epoll);
        }
    }

    /// <summary>The answer times since the last call, in microseconds from each post's scheduled moment.</summary>
    public LatencyHistogram TakeAnswers()
    {
        var answers = _answers;
        _answers = new LatencyHistogram();
        return answers;
    }

    public void Dispose()
    {
        foreach (var speaker in _speakers)
        {
            speaker.Dispose();
        }
    }

    private static void Send(Speaker speaker, long sequence, long due, int size, StringBuilder text)
    {
        text.Clear().Append('@').Append(sequence).Append('.').Append(due).Append('.');
        if (text.Length < size)
        {
            text.Append('x', size - text.Length);
        }

        var request = speaker.Request(text.ToString());
        speaker.AwaitedDue = due;
        if (speaker.Secure)
        {
            speaker.SendBlocking(request);
            return;
        }

        fixed (byte* bytes = request)
        {
            var sent = Epoll.Send(speaker.Fd, bytes, request.Length);
            if (sent == -2)
            {
                throw new IOException($"Speaker {speaker.Index} could not send.");
            }

            if (sent < request.Length)
            {
                // A full send buffer on an idle keep-alive connection: finish it blocking.
                speaker.SendBlocking(request.AsSpan(Math.Max(0, sent)));
            }
        }
    }

    /// <summary>Reads what arrived for a speaker; returns how many answers it completed.</summary>
    private int Receive(Speaker speaker, int size, StringBuilder text)
    {
        var answer = speaker.Answer;
        int read;
        if (speaker.Secure)
        {
            read = speaker.ReceiveDecrypted();
        }
        else
        {
            fixed (byte* buffer = answer)
            {
                read = Epoll.Receive(speaker.Fd, buffer + speaker.AnswerLength, answer.Length - speaker.AnswerLength);
            }
        }

        if (read == -1)
        {
            return 0;
        }

        if (read <= 0)
        {
            throw new IOException($"The server closed speaker {speaker.Index}'s connection.");
        }

        speaker.AnswerLength += read;
        var completed = 0;
        while (speaker.AnswerLength > 0)
        {
            var taken = _protocol.TryParseAnswer(answer.AsSpan(0, speaker.AnswerLength), out var status);
            if (taken == 0)
            {
                break;
            }

            Buffer.BlockCopy(answer, taken, answer, 0, speaker.AnswerLength - taken);
            speaker.AnswerLength -= taken;
            _answers.Record((long)((Stopwatch.GetTimestamp() - speaker.AwaitedDue) * MicrosPerTick));
            Interlocked.Increment(ref _answered);
            if (status >= 400)
            {
                Interlocked.Increment(ref _rejected);
                LastRefusedStatus = status;
            }

            completed++;
            speaker.AwaitedDue = 0;
            speaker.MarkUsed();
            if (speaker.Waiting.TryDequeue(out var waiting))
            {
                Send(speaker, waiting.Sequence, waiting.Due, size, text);
            }
        }

        return completed;
    }
}
