using System;
using System.Buffers;
using System.Threading;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>The classic chat frame: a never-ending HTML response, one fragment per line or deletion.</summary>
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

    public void Deliver(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts)
    {
        var visible = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(lines.Length);
        var count = 0;
        foreach (var line in lines)
        {
            if (line.IsFor(Reader, live: true))
            {
                visible[count++] = line.Encoded(LineFormat.Html);
            }
        }

        if (count > 0)
        {
            Volatile.Write(ref _lastWrite, now);
            _transport.Deliver(new ReadOnlySpan<ReadOnlyMemory<byte>>(visible, 0, count), starts);
        }

        Array.Clear(visible, 0, count);
        ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(visible);
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
