using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>
/// The classic chat frame: a never-ending HTML response, one fragment per line or deletion. After
/// <c>renewAfter</c> lines it ends its document with a renewal (see <see cref="FrameRenewal"/>)
/// that loads the frame again from where it got to, so a tab left open stays small.
/// </summary>
internal sealed class ForeverFrameStream : IPushStream
{
    private static readonly byte[] KeepAliveComment = "<!-- -->\n"u8.ToArray();

    private readonly IPushTransport _transport;
    private readonly ReadOnlyMemory<byte> _goodbye;
    private readonly Action<IPushReader, Exception>? _onDeliveryFailed;
    private readonly FrameRenewal? _renewal;
    private readonly ReaderCursor _cursor = new();
    private readonly object _gate = new();
    private long _lastWrite;
    private int _closed;
    private int _lines;
    private bool _renewing;

    /// <param name="transport">The connection carrying the frame.</param>
    /// <param name="reader">Whose frame it is.</param>
    /// <param name="head">The page head, written first.</param>
    /// <param name="goodbye">The closing fragment, drawn when the stream opened (usually the same bytes for every frame).</param>
    /// <param name="now">The clock's timestamp now.</param>
    /// <param name="onClosed">Told once, when the transport closed.</param>
    /// <param name="onDeliveryFailed">Told, off the fan-out thread, with the reader, when a delivery to this stream threw; the stream then ends. One for all streams, so a stream keeps no closure of its own.</param>
    /// <param name="renewal">How the frame renews itself, or null to never renew.</param>
    public ForeverFrameStream(IPushTransport transport, IPushReader reader, ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> goodbye, long now, Action<IPushStream> onClosed, Action<IPushReader, Exception>? onDeliveryFailed = null, FrameRenewal? renewal = null)
    {
        _renewal = renewal;
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

    /// <summary>Where the frame's reader has got in its room's log and its mailbox.</summary>
    public StreamCursor Cursor
    {
        get
        {
            lock (_gate)
            {
                return _cursor.Current;
            }
        }
    }

    public void Deliver(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts)
    {
        var visible = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(lines.Length);
        var count = 0;
        ReadOnlyMemory<byte> renewal = default;
        lock (_gate)
        {
            // A frame that ended its document for a renewal has no reader any more.
            foreach (var line in _renewing ? ReadOnlySpan<PushItem>.Empty : lines)
            {
                // A line a replay sent already is not shown twice; one of a room the reader has
                // left still is (and the deletion of a line shown before a move).
                if (_cursor.Advance(line) != CursorStep.Seen && line.IsFor(Reader, live: true))
                {
                    visible[count++] = line.Framed(LineFormat.Html, Reader.LanguageIndex);
                }
            }

            if (count > 0)
            {
                Volatile.Write(ref _lastWrite, now);
                _transport.Deliver(new ReadOnlySpan<ReadOnlyMemory<byte>>(visible, 0, count), starts);
            }

            _lines += count;
            if (_renewal is not null && !_renewing && _lines >= _renewal.AfterLines)
            {
                _renewing = true;
                renewal = _renewal.Fragment(_cursor.Current);
            }
        }

        Array.Clear(visible, 0, count);
        ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(visible);
        if (!renewal.IsEmpty)
        {
            _transport.EndStream(renewal);
        }
    }

    public void Replay(StreamReplay replay, long now)
    {
        var encoded = new List<ReadOnlyMemory<byte>>(replay.Items.Count + 1);
        lock (_gate)
        {
            _cursor.Start(replay);
            foreach (var miss in replay.Missed)
            {
                if (_renewal is not null && !miss.InMailbox)
                {
                    encoded.Add(ChunkFraming.Frame(_renewal.Missed(miss).Span));
                }
            }

            foreach (var item in replay.Items)
            {
                _cursor.Advance(item);

                // A new document shows lines; a deletion only takes back a line the same document shows.
                if (item is ChatLine)
                {
                    encoded.Add(item.Framed(LineFormat.Html, Reader.LanguageIndex));
                }
            }

            _cursor.CatchUp(replay);
            _lines += encoded.Count;
            if (encoded.Count > 0)
            {
                Volatile.Write(ref _lastWrite, now);
                _transport.WriteReplay(encoded.ToArray());
            }
        }
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
            _onDeliveryFailed?.Invoke(Reader, error);
        }
        finally
        {
            End(string.Empty);
        }
    }

    /// <summary>
    /// Ends the document with its goodbye; or, when the node is leaving a scaled-out chat while the
    /// session stays, with a renewal, so the browser reloads the frame (through the load balancer,
    /// from another node) and goes on where it was.
    /// </summary>
    public void End(string reason)
    {
        if (reason == ByeReasons.Reconnect && _renewal is { } renewal)
        {
            ReadOnlyMemory<byte> fragment;
            lock (_gate)
            {
                _renewing = true;
                fragment = renewal.Fragment(_cursor.Current);
            }

            _transport.EndStream(fragment);
            return;
        }

        _transport.EndStream(_goodbye);
    }
}
