using System.Buffers;
using System.Text;

namespace PushChat.LoadClient.Streams;

/// <summary>
/// Reads PushChat's Server-Sent Events (PROTOCOL.md; the event stream format of the HTML
/// standard, §9.2.6) incrementally, whatever the read boundaries, and hands on the benchmark
/// line of every <c>line</c> event when the event ends. Lines end in LF, CRLF or CR. A line
/// wholly inside one read is parsed where it lies; only a line cut by a read's end is copied,
/// into a pooled buffer given back once the line is complete, so an idle reader keeps none.
/// Each <c>data:</c> line is searched for the marker on its own: PushChat's JSON is one line.
/// </summary>
internal sealed class SseDecoder : IStreamDecoder
{
    private readonly ILineSink _sink;
    private readonly int _maxLineBytes;
    private byte[]? _partial;
    private int _partialLength;
    private bool _afterCarriageReturn;
    private bool _lineEvent;
    private bool _roomEvent;
    private bool _hasMarker;
    private long _sequence;
    private long _ticks;
    private byte[]? _lastEventId;
    private int _lastEventIdLength;

    /// <param name="sink">Where the lines go.</param>
    /// <param name="maxLineBytes">The longest line carried across reads; a longer one is not an event stream this client reads.</param>
    public SseDecoder(ILineSink sink, int maxLineBytes = 64 * 1024)
    {
        _sink = sink;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>Whether a <c>room</c> event arrived: the session has joined its room and may speak.</summary>
    public bool InRoom { get; private set; }

    /// <summary>The last <c>id:</c> received: the cursor a reconnecting reader would resume from.</summary>
    public string? LastEventId => _lastEventId is null ? null : Encoding.UTF8.GetString(_lastEventId, 0, _lastEventIdLength);

    public void Feed(ReadOnlySpan<byte> data, long now)
    {
        if (_afterCarriageReturn && !data.IsEmpty)
        {
            // The LF of a CRLF whose CR ended the previous read ends no second line.
            _afterCarriageReturn = false;
            if (data[0] == (byte)'\n')
            {
                data = data.Slice(1);
            }
        }

        while (!data.IsEmpty)
        {
            var end = data.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                Carry(data);
                return;
            }

            if (_partialLength > 0)
            {
                Carry(data.Slice(0, end));
                OnLine(_partial.AsSpan(0, _partialLength), now);
                ArrayPool<byte>.Shared.Return(_partial!);
                _partial = null;
                _partialLength = 0;
            }
            else
            {
                OnLine(data.Slice(0, end), now);
            }

            var carriageReturn = data[end] == (byte)'\r';
            data = data.Slice(end + 1);
            if (carriageReturn)
            {
                if (data.IsEmpty)
                {
                    _afterCarriageReturn = true;
                }
                else if (data[0] == (byte)'\n')
                {
                    data = data.Slice(1);
                }
            }
        }
    }

    private void OnLine(ReadOnlySpan<byte> line, long now)
    {
        if (line.IsEmpty)
        {
            Dispatch(now);
            return;
        }

        if (line[0] == (byte)':')
        {
            return; // a comment: the keep-alive
        }

        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line.Slice(0, colon);
        var value = colon < 0 ? ReadOnlySpan<byte>.Empty : line.Slice(colon + 1);
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value.Slice(1);
        }

        if (name.SequenceEqual("data"u8))
        {
            if (LineItem.TryReadMarker(value, out var sequence, out var ticks))
            {
                _hasMarker = true;
                _sequence = sequence;
                _ticks = ticks;
            }
        }
        else if (name.SequenceEqual("event"u8))
        {
            _lineEvent = value.SequenceEqual("line"u8);
            _roomEvent = value.SequenceEqual("room"u8);
        }
        else if (name.SequenceEqual("id"u8) && value.IndexOf((byte)0) < 0)
        {
            if (_lastEventId is null || _lastEventId.Length < value.Length)
            {
                _lastEventId = new byte[Math.Max(64, value.Length)];
            }

            value.CopyTo(_lastEventId);
            _lastEventIdLength = value.Length;
        }

        // retry: and unknown fields change nothing the benchmark reads.
    }

    private void Dispatch(long now)
    {
        if (_lineEvent && _hasMarker)
        {
            _sink.OnLine(_sequence, _ticks, now);
        }

        InRoom |= _roomEvent;
        _lineEvent = false;
        _roomEvent = false;
        _hasMarker = false;
    }

    private void Carry(ReadOnlySpan<byte> bytes)
    {
        var length = _partialLength + bytes.Length;
        if (length > _maxLineBytes)
        {
            throw new InvalidDataException($"An event stream line longer than {_maxLineBytes} bytes.");
        }

        if (_partial is null || _partial.Length < length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1024));
            if (_partial is not null)
            {
                _partial.AsSpan(0, _partialLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_partial);
            }

            _partial = larger;
        }

        bytes.CopyTo(_partial.AsSpan(_partialLength));
        _partialLength = length;
    }
}
