using System;
using System.Collections.Generic;
using System.Buffers.Text;
using PushChat.Internal.Transport;

namespace PushChat.Internal.Push;

/// <summary>
/// Server-Sent Events (<c>GET /events</c>): each item an event whose shared bytes are its name and
/// data, followed by this reader's <c>id:</c> line, its cursor, so that a reconnecting
/// <c>EventSource</c> resumes exactly after the last item it got (see PROTOCOL.md).
/// </summary>
internal sealed class EventStreamItems : JsonItemStream
{
    /// <summary>Sent first: how long a browser waits before it reconnects.</summary>
    public static readonly byte[] Retry = "retry: 2000\n\n"u8.ToArray();

    private static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();
    private static readonly byte[] EventEnd = ChunkFraming.Frame("\n"u8);

    private readonly EventIdBlock _ids = new();

    public EventStreamItems(IPushTransport transport, IPushReader reader, long now, Action<IPushStream> onClosed, Action<IPushReader, Exception>? onDeliveryFailed)
        : base(transport, reader, now, onClosed, onDeliveryFailed) =>
        transport.Write(Retry, batch: null, bounded: false);

    public override LineFormat Format => LineFormat.EventStream;

    protected override ReadOnlyMemory<byte> KeepAliveBytes => KeepAliveComment;

    protected override void AddItem(List<ReadOnlyMemory<byte>> pieces, PushItem item, StreamCursor? id)
    {
        // Most readers of a room item have nothing of their mailbox (0:0): they share the item
        // with its id, one chunk.
        if (id is { Mailbox.Sequence: 0 } shared && !item.InMailbox
            && item.EventWithId(shared, Reader.LanguageIndex, FrameWithId) is { IsEmpty: false } withId)
        {
            pieces.Add(withId);
            return;
        }

        pieces.Add(item.Framed(LineFormat.EventStream, Reader.LanguageIndex));
        pieces.Add(id is { } cursor ? _ids.Next(cursor) : EventEnd);
    }

    /// <summary>The payload of an item's event chunk and the id line of <paramref name="cursor"/>, as one chunk.</summary>
    private static byte[] FrameWithId(ReadOnlyMemory<byte> eventChunk, StreamCursor cursor)
    {
        var payload = ChunkFraming.Payload(eventChunk).Span;
        Span<byte> line = stackalloc byte[EventIdBlock.MaxLine];
        var lineLength = EventIdBlock.WriteLine(cursor, line);
        var framed = new byte[ChunkFraming.FramedLength(payload.Length + lineLength)];
        var at = ChunkFraming.WriteHeader(payload.Length + lineLength, framed);
        payload.CopyTo(framed.AsSpan(at));
        at += payload.Length;
        line.Slice(0, lineLength).CopyTo(framed.AsSpan(at));
        at += lineLength;
        ChunkFraming.CrLf.CopyTo(framed.AsSpan(at));
        return framed;
    }

    protected override void AddEvent(List<ReadOnlyMemory<byte>> pieces, string name, byte[] json, StreamCursor? id)
    {
        pieces.Add(ChunkFraming.Frame(EventStreamFraming.Event(name, json)));
        pieces.Add(id is { } cursor ? _ids.Next(cursor) : EventEnd);
    }

    protected override void Finish(List<ReadOnlyMemory<byte>> pieces, string reason)
    {
        // Whole events, then the last chunk: the browser sees the goodbye, then the end.
        foreach (var piece in pieces)
        {
            Transport.Write(ChunkFraming.Payload(piece), batch: null, bounded: false);
        }

        Transport.EndStream(ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>
    /// This reader's <c>id:</c> lines, framed as chunks and cut from a block it owns, so an item
    /// costs the reader a few bytes and no allocation of its own.
    /// </summary>
    private sealed class EventIdBlock
    {
        // "id: " + two positions of at most 16 + 1 + 16 digits, a comma, "\n\n".
        public const int MaxLine = 4 + (2 * 33) + 1 + 2;

        private const int BlockSize = 2048;
        private const int MaxChunk = MaxLine + ChunkFraming.MaxBytes;

        private byte[] _block = new byte[BlockSize];
        private int _used;

        public ReadOnlyMemory<byte> Next(StreamCursor cursor)
        {
            if (_used + MaxChunk > _block.Length)
            {
                // The old block stays alive while queued writes still point into it.
                _block = new byte[BlockSize];
                _used = 0;
            }

            Span<byte> line = stackalloc byte[MaxLine];
            var length = WriteLine(cursor, line);
            var start = _used;
            _used += ChunkFraming.WriteHeader(length, _block.AsSpan(_used));
            line.Slice(0, length).CopyTo(_block.AsSpan(_used));
            _used += length;
            ChunkFraming.CrLf.CopyTo(_block.AsSpan(_used));
            _used += ChunkFraming.CrLf.Length;
            return new ReadOnlyMemory<byte>(_block, start, _used - start);
        }

        /// <summary>Writes <c>id: cursor</c> and the blank line that ends the event; returns its length.</summary>
        public static int WriteLine(StreamCursor cursor, Span<byte> line)
        {
            var length = 0;
            Append(line, ref length, "id: "u8);
            Append(line, ref length, cursor.Room);
            line[length++] = (byte)',';
            Append(line, ref length, cursor.Mailbox);
            Append(line, ref length, "\n\n"u8);
            return length;
        }

        private static void Append(Span<byte> line, ref int length, ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(line.Slice(length));
            length += bytes.Length;
        }

        private static void Append(Span<byte> line, ref int length, LogPosition position)
        {
            Utf8Formatter.TryFormat(position.Epoch, line.Slice(length), out var written);
            length += written;
            line[length++] = (byte)':';
            Utf8Formatter.TryFormat(position.Sequence, line.Slice(length), out written);
            length += written;
        }
    }
}
