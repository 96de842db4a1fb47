using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>The classic chat frame: a never-ending HTML response, one fragment per line or deletion.</summary>
internal sealed class ForeverFrameStream : IPushStream
{
    private static readonly byte[] KeepAliveComment = "<!-- -->\n"u8.ToArray();

    private readonly IPushTransport _transport;
    private readonly Func<ReadOnlyMemory<byte>> _goodbye;
    private readonly Action<Exception>? _onDeliveryFailed;
    private long _lastWrite;
    private int _closed;

    /// <param name="transport">The connection carrying the frame.</param>
    /// <param name="reader">Whose frame it is.</param>
    /// <param name="head">The page head, written first.</param>
    /// <param name="goodbye">The closing fragment, rendered when the stream ends.</param>
    /// <param name="now">The clock's timestamp now.</param>
    /// <param name="onClosed">Told once, when the transport closed.</param>
    /// <param name="onDeliveryFailed">Told, off the fan-out thread, when a delivery to this stream threw; the stream then ends.</param>
    public ForeverFrameStream(IPushTransport transport, IPushReader reader, ReadOnlyMemory<byte> head, Func<ReadOnlyMemory<byte>> goodbye, long now, Action<IPushStream> onClosed, Action<Exception>? onDeliveryFailed = null)
    {
        _onDeliveryFailed = onDeliveryFailed;
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

    /// <summary>The connection carrying the frame (for tests).</summary>
    internal IPushTransport Transport => _transport;

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
                visible[count++] = line.Framed(LineFormat.Html);
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

    public void Replay(IReadOnlyList<ChatLine> lines, long now)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var encoded = new ReadOnlyMemory<byte>[lines.Count];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = lines[i].Framed(LineFormat.Html);
        }

        Volatile.Write(ref _lastWrite, now);
        _transport.WriteReplay(encoded);
    }

    public void KeepAlive(long now, DrainBatch batch)
    {
        Volatile.Write(ref _lastWrite, now);
        _transport.Write(KeepAliveComment, batch, bounded: true);
    }

    /// <summary>The stream missed lines: it is logged and ends, so the browser reloads it and replays the history.</summary>
    public void DeliveryFailed(Exception error)
    {
        try
        {
            _onDeliveryFailed?.Invoke(error);
        }
        finally
        {
            End();
        }
    }

    public void End() => _transport.EndStream(_goodbye());
}
