using System.Diagnostics;
using System.Net;
using PushChat.LoadClient.Streams;

namespace PushChat.LoadClient;

/// <summary>
/// One subscriber connection, and for PushChat its own guest session: the transport's handshake
/// on a blocking socket, then a <see cref="ReaderLoop"/> reads it as bytes arrive and this class
/// decodes the stream and counts every benchmark line. Only one loop thread feeds a reader.
/// </summary>
internal sealed class Reader : ILineSink, IReplySender, IDisposable
{
    private readonly Run _run;
    private readonly long[] _lastBySpeaker;
    private IStreamDecoder? _decoder;

    public Reader(int index, bool counted, bool slow, Run run)
    {
        Index = index;
        Counted = counted;
        Slow = slow;
        _run = run;
        _lastBySpeaker = new long[run.Options.Speakers];
        Connection = new BufferedSocket(run.Options.HandshakeBufferBytes, TimeSpan.FromSeconds(run.Options.SyncTimeoutSeconds), run.Options.Tls);
    }

    public int Index { get; }

    /// <summary>Whether this reader's deliveries count towards the expected total.</summary>
    public bool Counted { get; }

    /// <summary>A slow reader stops reading right after its handshake.</summary>
    public bool Slow { get; }

    public string Name => _run.Options.NamePrefix + "r" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public BufferedSocket Connection { get; }

    /// <summary>Benchmark lines received (sequence ≥ 1).</summary>
    public long Received;

    /// <summary>Lines that arrived at or before a later line of the same speaker (reordered or duplicated).</summary>
    public long OutOfOrder;

    /// <summary>Stream bytes received after the subscription's response head, framing included.</summary>
    public long ReceivedBytes;

    /// <summary>A running hash of the sequence numbers in arrival order: equal on every reader that got the same lines in the same order.</summary>
    public long OrderHash;

    /// <summary>The highest sync marker seen (sequence 0 carries the sync id in its tick field).</summary>
    public long SyncId;

    public bool Closed;

    public bool IsSubscribed;

    /// <summary>The reader's PushChat session, once logged in; null on the baselines.</summary>
    public SessionKey? Session { get; set; }

    /// <summary>The node this reader subscribed to, when the chat has several (index into the client's servers).</summary>
    public int Node => Index % _run.Options.Servers.Count;

    /// <summary>Connects and runs the handshake; the bytes already received are decoded at once.</summary>
    public void Subscribe(IPEndPoint server)
    {
        Connection.Connect(server, _run.Options.Source);
        _decoder = _run.Protocol.Subscribe(this);
        var leftover = Connection.TakeBuffered();
        if (!leftover.IsEmpty)
        {
            Feed(leftover, Stopwatch.GetTimestamp());
        }

        if (Connection.Tls is { } tls)
        {
            // From now on reads are decrypted straight into the stream's decoder.
            tls.Onward = _decoder;
            _decoder = tls;
        }
    }

    /// <summary>The node answered this reader's login 503 (try again in a moment); it is sent again.</summary>
    public void OnLoginRefused() => _run.OnLoginRefused();

    public void Feed(ReadOnlySpan<byte> data, long now)
    {
        Volatile.Write(ref ReceivedBytes, ReceivedBytes + data.Length);
        _decoder!.Feed(data, now);
    }

    /// <summary>Answers the server from the read loop (a WebSocket pong or close); the few bytes never wait long.</summary>
    public void Send(ReadOnlySpan<byte> bytes) => Connection.Send(bytes);

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

        // Each speaker posts its own lines one after another, so they must arrive in its order;
        // lines of different speakers may interleave in any order, but the same on every reader.
        var speaker = (int)(sequence % _lastBySpeaker.Length);
        if (sequence <= _lastBySpeaker[speaker])
        {
            OutOfOrder++;
        }

        _lastBySpeaker[speaker] = sequence;
        OrderHash = unchecked((OrderHash * 1_000_003) ^ sequence);
        Volatile.Write(ref Received, Received + 1);
        if (Counted)
        {
            _run.Record(now - ticks);
        }
    }

    public void Dispose() => Connection.Dispose();
}
