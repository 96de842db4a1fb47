using System;
using System.Collections.Generic;
using System.Threading;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>
/// A stream of the chat's JSON items (see PROTOCOL.md), whatever frames them: Server-Sent Events
/// or WebSocket messages. It keeps its reader's cursor in the room's log and the mailbox, passes
/// on the items of those two logs after the cursor (an item of a room the reader has left is not
/// news, nor one a replay already sent), and starts each room with a <c>room</c> item, its
/// presence, what was missed and the replayed items.
/// </summary>
internal abstract class JsonItemStream : IPushStream
{
    private readonly IPushTransport _transport;
    private readonly Action<IPushReader, Exception>? _onDeliveryFailed;
    private readonly ReaderCursor _cursor = new();
    // One list per thread for every stream, not one per stream: a list keeps the capacity of the
    // largest batch it ever held (a ramp-up's joins, a replay), a few kilobytes per idle reader.
    // It is taken while in use, so a call nested on the same thread gets a list of its own.
    [ThreadStatic]
    private static List<ReadOnlyMemory<byte>>? t_pieces;
    private readonly object _gate = new();
    private long _lastWrite;
    private int _closed;
    private bool _ended;

    protected JsonItemStream(IPushTransport transport, IPushReader reader, long now, Action<IPushStream> onClosed, Action<IPushReader, Exception>? onDeliveryFailed)
    {
        _transport = transport;
        _onDeliveryFailed = onDeliveryFailed;
        Reader = reader;
        _lastWrite = now;
        transport.SetClosedHandler(() =>
        {
            Volatile.Write(ref _closed, 1);
            onClosed(this);
        });
    }

    public IPushReader Reader { get; }

    public abstract LineFormat Format { get; }

    public long LastWrite => Volatile.Read(ref _lastWrite);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Where the reader has got in its room's log and its mailbox.</summary>
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

    protected IPushTransport Transport => _transport;

    public void Deliver(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts)
    {
        var pieces = RentPieces();
        try
        {
            DeliverLocked(lines, now, starts, pieces);
        }
        finally
        {
            ReturnPieces(pieces);
        }
    }

    private void DeliverLocked(ReadOnlySpan<PushItem> lines, long now, WriteStarts starts, List<ReadOnlyMemory<byte>> pieces)
    {
        lock (_gate)
        {
            foreach (var item in _ended ? ReadOnlySpan<PushItem>.Empty : lines)
            {
                // Items of a room the reader has left are not news, nor the deletions of its lines: a
                // JSON client keeps one room's positions, and another room's would move its cursor.
                if (_cursor.Advance(item) == CursorStep.New && item.IsFor(Reader, live: true))
                {
                    AddItem(pieces, item, _cursor.Current);
                }
            }

            if (pieces.Count > 0)
            {
                Volatile.Write(ref _lastWrite, now);
                _transport.Deliver(AsSpan(pieces), starts);
            }
        }
    }

    public void Replay(StreamReplay replay, long now)
    {
        var pieces = RentPieces();
        try
        {
            ReplayLocked(replay, now, pieces);
        }
        finally
        {
            ReturnPieces(pieces);
        }
    }

    private void ReplayLocked(StreamReplay replay, long now, List<ReadOnlyMemory<byte>> pieces)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _cursor.Start(replay);
            AddEvent(pieces, "room", ItemJson.Room(replay.Room, replay.Topic, replay.Owner, replay.RoomHead, _cursor.Current), _cursor.Current);
            AddEvent(pieces, "presence", replay.Presence(), id: null);
            foreach (var miss in replay.Missed)
            {
                AddEvent(pieces, "missed", ItemJson.Missed(miss), id: null);
            }

            foreach (var item in replay.Items)
            {
                _cursor.Advance(item);
                AddItem(pieces, item, _cursor.Current);
            }

            _cursor.CatchUp(replay);
            Volatile.Write(ref _lastWrite, now);
            _transport.WriteReplay(pieces.ToArray());
        }
    }

    public void KeepAlive(long now, DrainBatch batch)
    {
        Volatile.Write(ref _lastWrite, now);
        if (!KeepAliveBytes.IsEmpty)
        {
            _transport.Write(KeepAliveBytes, batch, bounded: true);
        }
    }

    /// <summary>A delivery threw: the reader missed items, so the stream ends and the client resumes from its cursor.</summary>
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

    /// <summary>Ends the stream after its goodbye; nothing it is handed later is sent.</summary>
    public void End(string reason)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            var pieces = new List<ReadOnlyMemory<byte>>();
            if (reason.Length > 0)
            {
                AddEvent(pieces, "bye", ItemJson.Bye(reason, null), id: null);
            }

            Finish(pieces, reason);
        }
    }

    /// <summary>What is sent when nothing else was for a while.</summary>
    protected abstract ReadOnlyMemory<byte> KeepAliveBytes { get; }

    /// <summary>Adds the item's framed bytes, shared by every reader, and, when the framing has ids, the reader's cursor after it.</summary>
    protected abstract void AddItem(List<ReadOnlyMemory<byte>> pieces, PushItem item, StreamCursor? id);

    /// <summary>Adds an event of this reader's own (a room, presence, a miss, a goodbye).</summary>
    protected abstract void AddEvent(List<ReadOnlyMemory<byte>> pieces, string name, byte[] json, StreamCursor? id);

    /// <summary>Sends the last pieces and closes the transport, as the framing closes.</summary>
    protected abstract void Finish(List<ReadOnlyMemory<byte>> pieces, string reason);

    private static List<ReadOnlyMemory<byte>> RentPieces()
    {
        var pieces = t_pieces ?? new List<ReadOnlyMemory<byte>>();
        t_pieces = null;
        return pieces;
    }

    private static void ReturnPieces(List<ReadOnlyMemory<byte>> pieces)
    {
        pieces.Clear();
        t_pieces = pieces;
    }

    private static ReadOnlySpan<ReadOnlyMemory<byte>> AsSpan(List<ReadOnlyMemory<byte>> pieces) =>
#if NET
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pieces);
#else
        pieces.ToArray();
#endif
}
