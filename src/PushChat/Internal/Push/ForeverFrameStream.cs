using System;
using System.Threading;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>The classic chat frame: a never-ending HTML response, one fragment per line.</summary>
internal sealed class ForeverFrameStream : IPushStream
{
    private static readonly byte[] KeepAliveComment = "<!-- -->\n"u8.ToArray();

    private readonly IPushTransport _transport;
    private readonly Func<ReadOnlyMemory<byte>> _goodbye;
    private long _lastWrite;
    private int _closed;

    /// <param name="transport">The connection carrying the frame.</param>
    /// <param name="reader">Whose frame it is.</param>
    /// <param name="head">The page head, written first.</param>
    /// <param name="goodbye">The closing fragment, rendered when the stream ends.</param>
    /// <param name="now">The clock's timestamp now.</param>
    /// <param name="onClosed">Told once, when the transport closed.</param>
    public ForeverFrameStream(IPushTransport transport, IPushReader reader, ReadOnlyMemory<byte> head, Func<ReadOnlyMemory<byte>> goodbye, long now, Action<IPushStream> onClosed)
    {
        _transport = transport;
        Reader = reader;
        _goodbye = goodbye;
        _lastWrite = now;
        transport.Write(head, batch: null, bounded: false);
        transport.SetClosedHandler(() =>
        {
            Volatile.Write(ref _closed, 1);
            onClosed(this);
        });
    }

    public IPushReader Reader { get; }

    public LineFormat Format => LineFormat.Html;

    public long LastWrite => Volatile.Read(ref _lastWrite);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public bool Write(ChatLine line, long now, DrainBatch? batch)
    {
        // Called for every reader on every line: a plain atomic store is enough for the
        // keep-alive sweep, which only needs a recent value.
        Volatile.Write(ref _lastWrite, now);
        return _transport.Write(line.Encoded(LineFormat.Html), batch, bounded: true);
    }

    public void Replay(ChatLine line, long now)
    {
        Volatile.Write(ref _lastWrite, now);
        _transport.Write(line.Encoded(LineFormat.Html), batch: null, bounded: false);
    }

    public void KeepAlive(long now, DrainBatch batch)
    {
        Volatile.Write(ref _lastWrite, now);
        _transport.Write(KeepAliveComment, batch, bounded: true);
    }

    public void End() => _transport.EndStream(_goodbye());
}
