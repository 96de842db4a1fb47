using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace PushChat.Internal.WebSockets;

/// <summary>
/// Joins a client's frames into messages (RFC 6455, section 5.4): control frames may come between
/// the fragments of a message and are handed on at once; a continuation without a message, or a new
/// message before the last one ended, is a protocol error (1002); a message over the limit closes
/// with 1009; text that is not UTF-8, checked fragment by fragment, with 1007. A close frame's code
/// and reason are checked too (section 7.1.5).
/// </summary>
internal sealed class WebSocketMessageAssembler
{
    /// <summary>
    /// The most frames one message may come in: each costs the server a slot whatever its length,
    /// so empty fragments must not add up without bound.
    /// </summary>
    public const int MaxFragments = 1024;

    private readonly long _maxMessageBytes;
    private List<byte[]>? _fragments;
    private long _length;
    private WebSocketOpcode _fragmentedOpcode;
    private Utf8Validator _utf8;

    /// <param name="maxMessageBytes">The largest message, all fragments together.</param>
    public WebSocketMessageAssembler(long maxMessageBytes) => _maxMessageBytes = maxMessageBytes;

    /// <summary>Takes the next frame; returns a message or control frame when one is whole, otherwise null.</summary>
    /// <exception cref="WebSocketProtocolException">The frame breaks the protocol or a limit.</exception>
    public WebSocketMessage? Add(WebSocketFrame frame)
    {
        if (frame.IsControl)
        {
            if (frame.Opcode == WebSocketOpcode.Close)
            {
                CheckClose(frame.Payload);
            }

            return new WebSocketMessage(frame.Opcode, frame.Payload);
        }

        if (frame.Opcode == WebSocketOpcode.Continuation)
        {
            if (_fragments is null)
            {
                throw new WebSocketProtocolException(WebSocketCloseCode.ProtocolError, "A continuation frame came without a message to continue.");
            }
        }
        else
        {
            if (_fragments is not null)
            {
                throw new WebSocketProtocolException(WebSocketCloseCode.ProtocolError, "A new message began before the last one ended.");
            }

            _fragmentedOpcode = frame.Opcode;
            _utf8 = default;
            _fragments = new List<byte[]>();
            _length = 0;
        }

        if (_fragments.Count >= MaxFragments)
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.MessageTooBig, $"A message may come in at most {MaxFragments} frames.");
        }

        if (_length + frame.Payload.Length > _maxMessageBytes)
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.MessageTooBig, $"A message may carry at most {_maxMessageBytes} bytes.");
        }

        if (_fragmentedOpcode == WebSocketOpcode.Text && !_utf8.Append(frame.Payload))
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.InvalidPayload, "A text message must be UTF-8.");
        }

        _fragments.Add(frame.Payload);
        _length += frame.Payload.Length;
        if (!frame.IsFinal)
        {
            return null;
        }

        if (_fragmentedOpcode == WebSocketOpcode.Text && !_utf8.IsComplete)
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.InvalidPayload, "A text message ended in the middle of a character.");
        }

        var message = new WebSocketMessage(_fragmentedOpcode, Joined(_fragments, _length));
        _fragments = null;
        return message;
    }

    /// <summary>The close code a client's close frame carries; 1005 (no code) for an empty one.</summary>
    public static ushort CloseCodeOf(byte[] payload) => payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : (ushort)1005;

    private static byte[] Joined(List<byte[]> fragments, long length)
    {
        if (fragments.Count == 1)
        {
            return fragments[0];
        }

        var joined = new byte[length];
        var at = 0;
        foreach (var fragment in fragments)
        {
            Array.Copy(fragment, 0, joined, at, fragment.Length);
            at += fragment.Length;
        }

        return joined;
    }

    private static void CheckClose(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return;
        }

        if (payload.Length == 1 || !WebSocketCloseCode.MayBeSent(CloseCodeOf(payload)))
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.ProtocolError, "A close frame carries a code that may not be sent.");
        }

        var reason = default(Utf8Validator);
        if (!reason.Append(payload.AsSpan(2)) || !reason.IsComplete)
        {
            throw new WebSocketProtocolException(WebSocketCloseCode.InvalidPayload, "A close reason must be UTF-8.");
        }
    }
}
