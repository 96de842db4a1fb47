using System.Text;

namespace PushChat.LoadClient;

/// <summary>
/// How the client drives one server: subscribing a reader, and the bytes of one post. Every
/// transport carries the same benchmark line, <c>@SEQUENCE.TICKS.</c> padded with <c>x</c>.
/// A WebSocket transport plugs in here the same way (handshake, then frames to decode).
/// </summary>
internal abstract class ChatProtocol
{
    public abstract string Name { get; }

    /// <summary>Whether the publisher needs a subscribed session of its own to post (PushChat does).</summary>
    public virtual bool PublisherSubscribes => false;

    /// <summary>Whether every post gets an HTTP response to read.</summary>
    public virtual bool PostsHaveResponses => true;

    public static ChatProtocol For(string name) => name switch
    {
        "forever" => new ForeverFrameProtocol(),
        "sse" => new SseProtocol(),
        "raw" => new RawProtocol(),
        _ => throw new ArgumentException($"Unknown transport '{name}' (forever, sse, raw).", nameof(name)),
    };

    /// <summary>Runs the handshake; returns whether the stream body is chunked.</summary>
    public abstract Task<bool> SubscribeAsync(Reader reader);

    public abstract byte[] Post(string text, string? sessionId);

    protected static byte[] FormPost(string path, string form) => Encoding.ASCII.GetBytes(
        $"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");

    /// <summary>PushChat's classic transport: log in, then GET the never-ending chat frame.</summary>
    private sealed class ForeverFrameProtocol : ChatProtocol
    {
        public override string Name => "forever";

        public override bool PublisherSubscribes => true;

        public override async Task<bool> SubscribeAsync(Reader reader)
        {
            var connection = reader.Connection;
            await connection.SendAsync(FormPost("/login", $"name={reader.Name}&password=")).ConfigureAwait(false);
            var login = await connection.ReadHeadAsync().ConfigureAwait(false);
            await connection.SkipAsync(login.ContentLength).ConfigureAwait(false);
            var location = login["Location"];
            var at = location?.IndexOf("sid=", StringComparison.Ordinal) ?? -1;
            if (login.Status != 303 || at < 0)
            {
                throw new InvalidDataException($"Login of {reader.Name} answered {login.Status}.");
            }

            reader.SessionId = location!.Substring(at + 4);
            await connection.SendAsync($"GET /chat?sid={reader.SessionId} HTTP/1.1\r\nHost: bench\r\n\r\n").ConfigureAwait(false);
            var chat = await connection.ReadHeadAsync().ConfigureAwait(false);
            if (chat.Status != 200)
            {
                throw new InvalidDataException($"The chat frame of {reader.Name} answered {chat.Status}.");
            }

            return chat.Chunked;
        }

        public override byte[] Post(string text, string? sessionId) => FormPost("/say", $"sid={sessionId}&text={text}");
    }

    /// <summary>The Kestrel baseline: an SSE stream per reader, posts by form.</summary>
    private sealed class SseProtocol : ChatProtocol
    {
        public override string Name => "sse";

        public override async Task<bool> SubscribeAsync(Reader reader)
        {
            var connection = reader.Connection;
            await connection.SendAsync($"GET /sse?name={reader.Name} HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n").ConfigureAwait(false);
            var head = await connection.ReadHeadAsync().ConfigureAwait(false);
            if (head.Status != 200)
            {
                throw new InvalidDataException($"The SSE stream of {reader.Name} answered {head.Status}.");
            }

            return head.Chunked;
        }

        public override byte[] Post(string text, string? sessionId) => FormPost("/say", $"text={text}");
    }

    /// <summary>The raw-socket ceiling: "SUB\n" subscribes, "PUB text\n" posts, lines come back plain.</summary>
    private sealed class RawProtocol : ChatProtocol
    {
        public override string Name => "raw";

        public override bool PostsHaveResponses => false;

        public override async Task<bool> SubscribeAsync(Reader reader)
        {
            await reader.Connection.SendAsync("SUB\n"u8.ToArray()).ConfigureAwait(false);
            return false;
        }

        public override byte[] Post(string text, string? sessionId) => Encoding.ASCII.GetBytes($"PUB {text}\n");
    }
}
