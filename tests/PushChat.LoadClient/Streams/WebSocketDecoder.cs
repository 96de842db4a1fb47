using System.Buffers;

namespace PushChat.LoadClient.Streams;

/// <summary>
/// Reads the server's side of PushChat's WebSocket (PROTOCOL.md, RFC 6455) incrementally,
/// whatever the read boundaries: text messages, one JSON item each, whose <c>line</c> items are
/// handed on; pings answered with pongs and a close with its echo, as a client must or be cut off
/// as silent. A frame wholly inside one read is parsed where it lies; only a frame cut by a
/// read's end, or a message sent in fragments, is copied, into pooled buffers given back once
/// it is complete. What a server must not send (masked frames, reserved bits, unknown opcodes,
/// broken fragmentation, oversized control frames) ends the stream with an error.
/// </summary>
internal sealed class WebSocketDecoder : IStreamDecoder
{
    private const int MaxControlPayload = 125;

    private readonly ILineSink _sink;
    private readonly IReplySender _replies;
    private readonly int _maxMessageBytes;
    private byte[]? _frame;
    private int _frameLength;
    private byte[]? _message;
    private int _messageLength;
    private bool _inMessage;

    /// <param name="sink">Where the lines go.</param>
    /// <param name="replies">Where pongs and the close's echo go.</param>
    /// <param name="maxMessageBytes">The largest message read; a larger one is not an item this client reads.</param>
    public WebSocketDecoder(ILineSink sink, IReplySender replies, int maxMessageBytes = 1024 * 1024)
    {
        _sink = sink;
        _replies = replies;
        _maxMessageBytes = maxMessageBytes;
    }

    /// <summary>Whether a <c>room</c> item arrived: the session has joined its room and may speak.</summary>
    public bool InRoom { get; private set; }

    /// <summary>Whether the server sent its close frame (and was answered).</summary>
    public bool CloseReceived { get; private set; }

    public void Feed(ReadOnlySpan<byte> data, long now)
    {
        // Finish the frame a previous read cut, taking exactly the bytes it still lacks.
        while (_frameLength > 0 && !data.IsEmpty)
        {
            var take = Math.Min(Needed(_frame.AsSpan(0, _frameLength)) - _frameLength, data.Length);
            Carry(data.Slice(0, take));
            data = data.Slice(take);
            var carried = _frame.AsSpan(0, _frameLength);
            if (Needed(carried) == _frameLength)
            {
                WebSocketFrameHeader.TryRead(carried, out var header);
                OnFrame(header, carried.Slice(header.Length), now);
                ArrayPool<byte>.Shared.Return(_frame!);
                _frame = null;
                _frameLength = 0;
            }
        }

        while (!data.IsEmpty)
        {
            var needed = Needed(data);
            if (needed > data.Length)
            {
                Carry(data);
                return;
            }

            WebSocketFrameHeader.TryRead(data, out var header);
            OnFrame(header, data.Slice(header.Length, needed - header.Length), now);
            data = data.Slice(needed);
        }
    }

    /// <summary>The bytes of the whole frame that starts <paramref name="data"/>, or of its header while that is incomplete.</summary>
    private int Needed(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            return 2;
        }

        if (!WebSocketFrameHeader.TryRead(data, out var header))
        {
            return WebSocketFrameHeader.LengthOf(data[1]);
        }

        if (header.PayloadLength > _maxMessageBytes)
        {
            throw new InvalidDataException($"A WebSocket frame of {header.PayloadLength} bytes, over the {_maxMessageBytes} this client reads.");
        }

        return header.Length + (int)header.PayloadLength;
    }

    private void OnFrame(WebSocketFrameHeader header, ReadOnlySpan<byte> payload, long now)
    {
        if (header.Masked || header.Reserved != 0)
        {
            throw new InvalidDataException("A server frame that is masked or sets a reserved bit (RFC 6455 §5.1, §5.2).");
        }

        if (header.Opcode >= 0x8 && (!header.Fin || payload.Length > MaxControlPayload))
        {
            throw new InvalidDataException("A fragmented or oversized control frame (RFC 6455 §5.5).");
        }

        switch (header.Opcode)
        {
            case 0x1 when _inMessage:
                throw new InvalidDataException("A new text message inside a fragmented one (RFC 6455 §5.4).");
            case 0x1 when header.Fin:
                OnMessage(payload, now);
                break;
            case 0x1:
                _inMessage = true;
                Append(payload);
                break;
            case 0x0 when !_inMessage:
                throw new InvalidDataException("A continuation frame with no message to continue (RFC 6455 §5.4).");
            case 0x0:
                Append(payload);
                if (header.Fin)
                {
                    OnMessage(_message.AsSpan(0, _messageLength), now);
                    ArrayPool<byte>.Shared.Return(_message!);
                    _message = null;
                    _messageLength = 0;
                    _inMessage = false;
                }

                break;
            case ClientFrame.Ping when !CloseReceived:
                _replies.Send(ClientFrame.Encode(ClientFrame.Pong, payload));
                break;
            case ClientFrame.Close when !CloseReceived:
                // RFC 6455 §5.5.1: answer with a close, echoing the status code.
                CloseReceived = true;
                _replies.Send(ClientFrame.Encode(ClientFrame.Close, payload.Slice(0, Math.Min(2, payload.Length))));
                break;
            case ClientFrame.Ping or ClientFrame.Pong or ClientFrame.Close:
                break;
            default:
                throw new InvalidDataException($"A WebSocket frame with opcode {header.Opcode}; PushChat sends text only.");
        }
    }

    private void OnMessage(ReadOnlySpan<byte> json, long now)
    {
        if (LineItem.IsLine(json))
        {
            if (LineItem.TryReadMarker(json, out var sequence, out var ticks))
            {
                _sink.OnLine(sequence, ticks, now);
            }
        }
        else if (!InRoom && json.IndexOf("\"type\":\"room\""u8) >= 0)
        {
            InRoom = true;
        }
    }

    private void Append(ReadOnlySpan<byte> payload)
    {
        var length = _messageLength + payload.Length;
        if (length > _maxMessageBytes)
        {
            throw new InvalidDataException($"A WebSocket message over the {_maxMessageBytes} bytes this client reads.");
        }

        Grow(ref _message, _messageLength, length);
        payload.CopyTo(_message.AsSpan(_messageLength));
        _messageLength = length;
    }

    private void Carry(ReadOnlySpan<byte> bytes)
    {
        var length = _frameLength + bytes.Length;
        Grow(ref _frame, _frameLength, length);
        bytes.CopyTo(_frame.AsSpan(_frameLength));
        _frameLength = length;
    }

    private static void Grow(ref byte[]? buffer, int used, int length)
    {
        if (buffer is not null && buffer.Length >= length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1024));
        if (buffer is not null)
        {
            buffer.AsSpan(0, used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = larger;
    }
}
