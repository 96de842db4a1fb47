using System.Text;
using PushChat.LoadClient.Streams;

namespace PushChat.LoadClient.Ceiling;

/// <summary>
/// The raw ceiling sending PushChat's own bytes per line in one of its reader formats: the reader
/// sends <c>SUB format</c>, reads the response head that format starts with and then reads the
/// stream with the same decoder as the PushChat transport it stands for, so the client spends the
/// same per line on both. Posts are the raw ceiling's <c>PUB</c> lines, answered <c>+</c>.
/// </summary>
internal sealed class CeilingProtocol : ChatProtocol
{
    private readonly ChatProtocol _raw = For("raw");
    private readonly string _format;

    public CeilingProtocol(string format) => _format = CeilingFormats.Check(format);

    /// <summary>The transport's name: <c>raw-</c> and the format.</summary>
    public override string Name => "raw-" + _format;

    public override IStreamDecoder Subscribe(Reader reader)
    {
        var connection = reader.Connection;
        connection.Send(Encoding.ASCII.GetBytes($"SUB {_format}\n"));
        var head = connection.ReadHead();
        if (head.Status != (_format == CeilingFormats.WebSocket ? 101 : 200))
        {
            throw new InvalidDataException($"The ceiling's {_format} stream of {reader.Name} answered {head.Status}.");
        }

        return _format switch
        {
            CeilingFormats.Frame => new ChunkedDecoder(new MarkerScanner(reader)),
            CeilingFormats.EventStream => new ChunkedDecoder(new SseDecoder(reader)),
            _ => new WebSocketDecoder(reader, reader),
        };
    }

    public override byte[] Post(string text, SessionKey? session) => _raw.Post(text, session);

    public override int ReadAnswer(BufferedSocket connection) => _raw.ReadAnswer(connection);

    public override int TryParseAnswer(ReadOnlySpan<byte> data, out int status) => _raw.TryParseAnswer(data, out status);
}
