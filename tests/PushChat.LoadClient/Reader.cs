using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PushChat.LoadClient;

/// <summary>
/// One subscriber connection: the transport's handshake, then a receive loop that decodes the
/// stream and counts every benchmark line. Only its own loop writes its counters.
/// </summary>
internal sealed class Reader : IDisposable
{
    private readonly Run _run;
    private LineDecoder? _decoder;

    public Reader(int index, bool counted, bool slow, Run run)
    {
        Index = index;
        Counted = counted;
        Slow = slow;
        _run = run;
        Connection = new BufferedSocket(run.Options.ReceiveBufferBytes);
    }

    public int Index { get; }

    /// <summary>Whether this reader's deliveries count towards the expected total.</summary>
    public bool Counted { get; }

    /// <summary>A slow reader stops reading right after its handshake.</summary>
    public bool Slow { get; }

    public string Name => Index < 0 ? "publisher" : "r" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public BufferedSocket Connection { get; }

    /// <summary>Benchmark lines received (sequence ≥ 1).</summary>
    public long Received;

    public long OutOfOrder;

    public long LastSequence;

    /// <summary>The highest sync marker seen (sequence 0 carries the sync id in its tick field).</summary>
    public long SyncId;

    public bool Closed;

    public bool IsSubscribed;

    public string? SessionId { get; set; }

    public async Task RunAsync(IPEndPoint server)
    {
        try
        {
            await Connection.ConnectAsync(server).ConfigureAwait(false);
            var chunked = await _run.Protocol.SubscribeAsync(this).ConfigureAwait(false);
            _decoder = new LineDecoder(chunked);
            _run.OnSubscribed(this);
            var leftover = Connection.TakeBuffered();
            if (!leftover.IsEmpty)
            {
                _decoder.Feed(leftover, Stopwatch.GetTimestamp(), this);
            }

            if (Slow)
            {
                // Never read again; the server must cut this reader off or hold its backlog.
                await _run.Finished.Task.ConfigureAwait(false);
                return;
            }

            while (true)
            {
                var read = await Connection.ReceiveAsync().ConfigureAwait(false);
                if (read.IsEmpty)
                {
                    break;
                }

                _decoder.Feed(read.Span, Stopwatch.GetTimestamp(), this);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or InvalidDataException)
        {
            _run.OnReaderError(this, ex);
        }
        finally
        {
            Volatile.Write(ref Closed, true);
            _run.OnReaderClosed(this);
        }
    }

    public void OnLine(long sequence, long ticks, long now)
    {
        if (sequence == 0)
        {
            if (ticks > SyncId)
            {
                Volatile.Write(ref SyncId, ticks);
            }

            return;
        }

        if (sequence <= LastSequence)
        {
            OutOfOrder++;
        }

        LastSequence = sequence;
        Received++;
        if (Counted)
        {
            _run.Record(now - ticks);
        }
    }

    public void Dispose() => Connection.Dispose();
}
