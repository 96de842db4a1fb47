namespace PushChat.LoadClient.Streams;

/// <summary>
/// Takes HTTP/1.1 chunked framing (RFC 9112 §7.1) off a response body incrementally, whatever the
/// read boundaries, and feeds the chunks' data to the body's own decoder.
/// </summary>
internal sealed class ChunkedDecoder : IStreamDecoder
{
    private readonly IStreamDecoder _body;
    private ChunkState _chunkState;
    private long _chunkRemaining;

    public ChunkedDecoder(IStreamDecoder body) => _body = body;

    private enum ChunkState
    {
        Size,
        Data,
        AfterData,
        Done,
    }

    public void Feed(ReadOnlySpan<byte> data, long now)
    {
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
                    _body.Feed(data.Slice(0, take), now);
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

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
