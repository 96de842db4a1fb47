namespace PushChat.LoadClient;

/// <summary>
/// Finds benchmark lines in a push stream, incrementally, whatever the read boundaries: an
/// optional HTTP/1.1 chunked decoder (RFC 9112 §7.1) feeding a scanner for the marker
/// <c>@SEQUENCE.TICKS.</c> that every benchmark line starts with. The marker survives each
/// transport's framing untouched: HTML escaping (forever frame), <c>data:</c> lines (SSE) and
/// the raw harness's plain lines.
/// </summary>
internal sealed class LineDecoder
{
    private readonly bool _chunked;
    private ChunkState _chunkState;
    private long _chunkRemaining;
    private int _markerState;
    private long _sequence;
    private long _ticks;
    private int _digits;

    public LineDecoder(bool chunked) => _chunked = chunked;

    private enum ChunkState
    {
        Size,
        Data,
        AfterData,
        Done,
    }

    public void Feed(ReadOnlySpan<byte> data, long now, Reader sink)
    {
        if (!_chunked)
        {
            Scan(data, now, sink);
            return;
        }

        while (!data.IsEmpty)
        {
            switch (_chunkState)
            {
                case ChunkState.Size:
                    var b = data[0];
                    data = data.Slice(1);
                    var hex = HexValue(b);
                    if (hex >= 0)
                    {
                        _chunkRemaining = (_chunkRemaining << 4) | (uint)hex;
                    }
                    else if (b == (byte)'\n')
                    {
                        _chunkState = _chunkRemaining == 0 ? ChunkState.Done : ChunkState.Data;
                    }

                    // Anything else is the CR or a chunk extension: ignored.
                    break;
                case ChunkState.Data:
                    var take = (int)Math.Min(_chunkRemaining, data.Length);
                    Scan(data.Slice(0, take), now, sink);
                    data = data.Slice(take);
                    _chunkRemaining -= take;
                    if (_chunkRemaining == 0)
                    {
                        _chunkState = ChunkState.AfterData;
                    }

                    break;
                case ChunkState.AfterData:
                    var lf = data.IndexOf((byte)'\n');
                    if (lf < 0)
                    {
                        return;
                    }

                    data = data.Slice(lf + 1);
                    _chunkState = ChunkState.Size;
                    break;
                default:
                    return;
            }
        }
    }

    private void Scan(ReadOnlySpan<byte> data, long now, Reader sink)
    {
        var i = 0;
        while (i < data.Length)
        {
            if (_markerState == 0)
            {
                var at = data.Slice(i).IndexOf((byte)'@');
                if (at < 0)
                {
                    return;
                }

                i += at + 1;
                StartMarker();
                continue;
            }

            var b = data[i++];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                if (_markerState == 1)
                {
                    _sequence = (_sequence * 10) + (b - '0');
                }
                else
                {
                    _ticks = (_ticks * 10) + (b - '0');
                }

                _digits++;
            }
            else if (b == (byte)'.' && _digits > 0)
            {
                if (_markerState == 1)
                {
                    _markerState = 2;
                    _digits = 0;
                }
                else
                {
                    sink.OnLine(_sequence, _ticks, now);
                    _markerState = 0;
                }
            }
            else if (b == (byte)'@')
            {
                StartMarker();
            }
            else
            {
                _markerState = 0;
            }
        }
    }

    private void StartMarker()
    {
        _markerState = 1;
        _sequence = 0;
        _ticks = 0;
        _digits = 0;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
