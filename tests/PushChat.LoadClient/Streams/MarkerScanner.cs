namespace PushChat.LoadClient.Streams;

/// <summary>
/// Finds the marker <c>@SEQUENCE.TICKS.</c> that every benchmark line starts with anywhere in a
/// byte stream, whatever the read boundaries. The marker survives the framing of the transports
/// read this way untouched: HTML escaping (forever frame), <c>data:</c> lines (the Kestrel SSE
/// chat) and the raw harness's plain lines.
/// </summary>
internal sealed class MarkerScanner : IStreamDecoder
{
    private readonly ILineSink _sink;
    private int _markerState;
    private long _sequence;
    private long _ticks;
    private int _digits;

    public MarkerScanner(ILineSink sink) => _sink = sink;

    public void Feed(ReadOnlySpan<byte> data, long now)
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
                    _sink.OnLine(_sequence, _ticks, now);
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
}
