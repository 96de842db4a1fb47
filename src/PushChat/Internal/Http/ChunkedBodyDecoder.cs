using System;
using System.Buffers;
using System.Collections.Generic;

namespace PushChat.Internal.Http;

/// <summary>
/// Decodes a chunked request body (RFC 9112 §7.1) as it arrives, resuming where the last call
/// stopped, so a body trickled in byte by byte costs time linear in its size. The decoded body
/// is held to the same limit as a Content-Length one; chunk extensions and trailer fields are
/// read, bounded and dropped, as §7.1.1 and §7.1.2 allow.
/// </summary>
internal sealed class ChunkedBodyDecoder
{
    // A size line is a hex number and optional extensions; nothing a client needs comes near this.
    private const int MaxSizeLineBytes = 1024;

    private readonly int _maxBodyBytes;
    private readonly int _maxTrailerBytes;
    private readonly List<byte> _body = new();
    private State _state = State.Size;
    private long _examined;
    private long _chunkSize;
    private int _digits;
    private int _lineBytes;
    private int _trailerBytes;
    private bool _trailerNameEnded;

    public ChunkedBodyDecoder(int maxBodyBytes, int maxTrailerBytes)
    {
        _maxBodyBytes = maxBodyBytes;
        _maxTrailerBytes = maxTrailerBytes;
    }

    private enum State
    {
        Size,
        SizeWhitespace,
        Extension,
        SizeLineFeed,
        Data,
        DataCarriageReturn,
        DataLineFeed,
        TrailerLineStart,
        TrailerLine,
        TrailerLineFeed,
        EndLineFeed,
        Done,
    }

    /// <summary>The decoded body, once <see cref="TryDecode"/> returned true.</summary>
    public byte[] Body => _body.ToArray();

    /// <summary>
    /// Reads on from where the last call stopped; <paramref name="encoded"/> must start where the
    /// body starts and hold at least the bytes of the last call. True when the body is complete,
    /// with its encoded length in <paramref name="length"/>.
    /// </summary>
    public bool TryDecode(in ReadOnlySequence<byte> encoded, out long length)
    {
        foreach (var memory in encoded.Slice(_examined))
        {
            var span = memory.Span;
            var i = 0;
            while (i < span.Length)
            {
                if (_state == State.Data)
                {
                    var take = (int)Math.Min(_chunkSize, span.Length - i);
                    _body.AddRange(span.Slice(i, take).ToArray());
                    _chunkSize -= take;
                    i += take;
                    _examined += take;
                    _state = _chunkSize == 0 ? State.DataCarriageReturn : State.Data;
                    continue;
                }

                Step(span[i++]);
                _examined++;
                if (_state == State.Done)
                {
                    length = _examined;
                    return true;
                }
            }
        }

        length = 0;
        return false;
    }

    private void Step(byte b)
    {
        switch (_state)
        {
            case State.Size:
                if (HexValue(b) is int digit)
                {
                    // Leading zeros are digits too (RFC 9112 §7.1); a size past the body limit
                    // can never be accepted, so the value never grows past it.
                    _chunkSize = (_chunkSize * 16) + digit;
                    _digits++;
                    if (_body.Count + _chunkSize > _maxBodyBytes)
                    {
                        throw new BadHttpRequestException(413, "The request body is too large.");
                    }
                }
                else if (_digits > 0 && b == (byte)';')
                {
                    _state = State.Extension;
                }
                else if (_digits > 0 && b is (byte)' ' or (byte)'\t')
                {
                    _state = State.SizeWhitespace;
                }
                else if (_digits > 0 && b == (byte)'\r')
                {
                    _state = State.SizeLineFeed;
                }
                else if (b == (byte)'\n')
                {
                    throw new BadHttpRequestException(400, "Lines must end with CR LF.");
                }
                else
                {
                    throw new BadHttpRequestException(400, "Malformed chunk size.");
                }

                CountSizeLine();
                break;
            case State.SizeWhitespace:
                // BWS after the size (errata 4667 to RFC 7230 §4.1.1), then only a chunk-ext
                // starting with ';' or the line end: "0 5" is no size a recipient can agree on.
                if (b == (byte)';')
                {
                    _state = State.Extension;
                }
                else if (b == (byte)'\r')
                {
                    _state = State.SizeLineFeed;
                }
                else if (b is not ((byte)' ' or (byte)'\t'))
                {
                    throw new BadHttpRequestException(400, "Malformed chunk size: only ';' and an extension may follow it.");
                }

                CountSizeLine();
                break;
            case State.Extension:
                if (b == (byte)'\r')
                {
                    _state = State.SizeLineFeed;
                }
                else if (b == (byte)'\n' || (b < 0x20 && b != (byte)'\t') || b == 0x7F)
                {
                    throw new BadHttpRequestException(400, "Malformed chunk extension.");
                }

                CountSizeLine();
                break;
            case State.SizeLineFeed:
                ExpectLineFeed(b);
                if (_body.Count + _chunkSize > _maxBodyBytes)
                {
                    throw new BadHttpRequestException(413, "The request body is too large.");
                }

                _state = _chunkSize == 0 ? State.TrailerLineStart : State.Data;
                break;
            case State.DataCarriageReturn:
                _state = b == (byte)'\r' ? State.DataLineFeed : throw new BadHttpRequestException(400, "A chunk must end with CR LF.");
                break;
            case State.DataLineFeed:
                ExpectLineFeed(b);
                (_state, _digits, _lineBytes) = (State.Size, 0, 0);
                break;
            case State.TrailerLineStart:
                CountTrailer(b);
                _trailerNameEnded = false;
                if (b == (byte)'\r')
                {
                    _state = State.EndLineFeed;
                    break;
                }

                // A field line starts with its name (RFC 9112 §7.1.2, §5.2: no folding).
                _state = HttpChars.IsTokenChar(b) ? State.TrailerLine : throw MalformedTrailer();
                break;
            case State.TrailerLine:
                CountTrailer(b);
                ReadTrailerByte(b);
                break;
            case State.TrailerLineFeed:
                ExpectLineFeed(b);
                _state = State.TrailerLineStart;
                break;
            case State.EndLineFeed:
                ExpectLineFeed(b);
                _state = State.Done;
                break;
            default:
                throw new InvalidOperationException("The body is already complete.");
        }
    }

    /// <summary>
    /// Trailer fields are dropped, but must still be field lines (RFC 9112 §7.1.2): a token name,
    /// a colon, and a value without control characters; anything else means the sender and this
    /// server disagree on where the message ends.
    /// </summary>
    private void ReadTrailerByte(byte b)
    {
        if (b == (byte)'\r')
        {
            _state = _trailerNameEnded ? State.TrailerLineFeed : throw MalformedTrailer();
        }
        else if (!_trailerNameEnded)
        {
            _trailerNameEnded = b == (byte)':' || (HttpChars.IsTokenChar(b) ? false : throw MalformedTrailer());
        }
        else if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
        {
            throw MalformedTrailer();
        }
    }

    private static BadHttpRequestException MalformedTrailer() => new(400, "Malformed trailer field.");

    private void CountSizeLine()
    {
        if (++_lineBytes > MaxSizeLineBytes)
        {
            throw new BadHttpRequestException(400, "A chunk size line is too long.");
        }
    }

    private void CountTrailer(byte b)
    {
        if (b == (byte)'\n')
        {
            throw new BadHttpRequestException(400, "Trailer lines must end with CR LF.");
        }

        if (++_trailerBytes > _maxTrailerBytes)
        {
            throw new BadHttpRequestException(431, "The request trailers are too large.");
        }
    }

    private static void ExpectLineFeed(byte b)
    {
        if (b != (byte)'\n')
        {
            throw new BadHttpRequestException(400, "Lines must end with CR LF.");
        }
    }

    private static int? HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => null,
    };
}
