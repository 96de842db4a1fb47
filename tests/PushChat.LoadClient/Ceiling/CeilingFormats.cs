namespace PushChat.LoadClient.Ceiling;

/// <summary>
/// The reader formats a raw ceiling can send PushChat's bytes in, named by the client's
/// <c>SUB format</c> line, and the response head each starts with: the least a reader of that
/// PushChat transport needs before the stream (chunked HTML, a chunked event stream, an upgraded
/// WebSocket), with nothing per line but the line's own bytes.
/// </summary>
internal static class CeilingFormats
{
    /// <summary>The forever frame: one HTTP chunk of HTML per line.</summary>
    public const string Frame = "frame";

    /// <summary>Server-Sent Events: a chunk of <c>event:</c> and <c>data:</c> and a chunk of the <c>id:</c> per line.</summary>
    public const string EventStream = "sse";

    /// <summary>The WebSocket: one text frame of JSON per line.</summary>
    public const string WebSocket = "ws";

    public static IReadOnlyList<string> All { get; } = new[] { Frame, EventStream, WebSocket };

    public static string Check(string format) => All.Contains(format)
        ? format
        : throw new ArgumentException($"Unknown ceiling format '{format}' ({string.Join(", ", All)}).", nameof(format));

    /// <summary>The response head the ceiling sends a reader of <paramref name="format"/> after its <c>SUB</c> line.</summary>
    public static byte[] Head(string format) => Check(format) switch
    {
        Frame => "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray(),
        EventStream => "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray(),
        _ => "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"u8.ToArray(),
    };
}
