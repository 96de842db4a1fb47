using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace PushChat.LoadClient;

/// <summary>
/// The open-loop publisher: post i is due at <c>start + i / rate</c> and carries that scheduled
/// time, whether or not the server kept up, so queueing anywhere shows as latency. Posts are
/// pipelined on one keep-alive connection; a separate loop reads the responses.
/// </summary>
internal sealed class Publisher : IDisposable
{
    private readonly ChatProtocol _protocol;
    private readonly BufferedSocket _connection = new(64 * 1024);
    private string? _sessionId;
    private long _accepted;
    private long _rejected;

    public Publisher(ChatProtocol protocol) => _protocol = protocol;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public async Task ConnectAsync(IPEndPoint server, string? sessionId)
    {
        _sessionId = sessionId;
        await _connection.ConnectAsync(server).ConfigureAwait(false);
        if (_protocol.PostsHaveResponses)
        {
            _ = Task.Run(ReadResponsesAsync);
        }
    }

    /// <summary>A sync line: sequence 0, its id in the tick field; readers note the highest seen.</summary>
    public void PostSync(long id) => _connection.Send(_protocol.Post($"@0.{id.ToString(CultureInfo.InvariantCulture)}.", _sessionId));

    /// <summary>Posts <paramref name="count"/> lines at <paramref name="rate"/> per second on the calling thread.</summary>
    public long RunOpenLoop(long firstSequence, long count, double rate, int size)
    {
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        var text = new StringBuilder(size + 32);
        for (long i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            WaitUntil(due);
            text.Clear().Append('@').Append(firstSequence + i).Append('.').Append(due).Append('.');
            if (text.Length < size)
            {
                text.Append('x', size - text.Length);
            }

            _connection.Send(_protocol.Post(text.ToString(), _sessionId));
        }

        return start + (long)((count - 1) * interval);
    }

    public void Dispose() => _connection.Dispose();

    private static void WaitUntil(long due)
    {
        // Sleep while more than a millisecond remains, then yield: sleeping alone overshoots by up
        // to a millisecond, which would add to every measured latency.
        while (true)
        {
            var remaining = due - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var millis = remaining * 1000 / Stopwatch.Frequency;
            if (millis >= 2)
            {
                Thread.Sleep((int)millis - 1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    private async Task ReadResponsesAsync()
    {
        try
        {
            while (true)
            {
                var head = await _connection.ReadHeadAsync().ConfigureAwait(false);
                await _connection.SkipAsync(head.ContentLength).ConfigureAwait(false);
                if (head.Status < 400)
                {
                    Interlocked.Increment(ref _accepted);
                }
                else
                {
                    Interlocked.Increment(ref _rejected);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The run ended or the server closed the connection.
        }
    }
}
