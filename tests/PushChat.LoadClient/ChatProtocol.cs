using System.Text;
using PushChat.LoadClient.Streams;

namespace PushChat.LoadClient;

/// <summary>
/// How the client drives one server: subscribing a reader, the bytes of one post and reading its
/// answer. Every transport carries the same benchmark line, <c>@SEQUENCE.TICKS.</c> padded with
/// <c>x</c>; each transport's decoder finds that marker in its own framing.
/// </summary>
internal abstract class ChatProtocol
{
    /// <summary>Logins answered 503 are sent again this many times, after a growing pause.</summary>
    private const int LoginAttempts = 10;

    public abstract string Name { get; }

    /// <summary>Whether a speaker posts as one of the readers' sessions (PushChat: a post names its session).</summary>
    public virtual bool SpeakersAreSessions => false;

    public static ChatProtocol For(string name) => name switch
    {
        "forever" => new ForeverFrameProtocol(),
        "sse" => new SseProtocol(),
        "events" => new EventStreamProtocol(),
        "ws" => new WebSocketProtocol(),
        "raw" => new RawProtocol(),
        _ when name.StartsWith("raw-", StringComparison.Ordinal) => new Ceiling.CeilingProtocol(name.Substring(4)),
        _ => throw new ArgumentException($"Unknown transport '{name}' (forever, events, ws, sse, raw, raw-frame, raw-sse, raw-ws).", nameof(name)),
    };

    /// <summary>Runs the handshake on the reader's blocking socket; returns the decoder of the stream that follows.</summary>
    public abstract IStreamDecoder Subscribe(Reader reader);

    /// <summary>The bytes of one post, as the session's browser sends it (PushChat) or with no session (the baselines).</summary>
    public abstract byte[] Post(string text, SessionKey? session);

    /// <summary>Reads the answer to one post; returns its status (200 for the raw ceiling's acknowledgement).</summary>
    public virtual int ReadAnswer(BufferedSocket connection)
    {
        var head = connection.ReadHead();
        connection.Skip(head.ContentLength);
        return head.Status;
    }

    /// <summary>
    /// Finds one complete answer at the start of <paramref name="data"/>; returns the bytes it
    /// takes (0 while incomplete) and its status.
    /// </summary>
    public virtual int TryParseAnswer(ReadOnlySpan<byte> data, out int status)
    {
        status = 0;
        var headEnd = data.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return 0;
        }

        var head = data.Slice(0, headEnd);
        if (head.Length < 12 || !int.TryParse(head.Slice(9, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out status))
        {
            throw new InvalidDataException("Not an HTTP response.");
        }

        var length = 0;
        var text = Encoding.ASCII.GetString(head);
        var at = text.IndexOf("\r\ncontent-length:", StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            var start = at + 17;
            var end = text.IndexOf('\r', start);
            length = int.Parse(text.AsSpan(start, (end < 0 ? text.Length : end) - start).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var total = headEnd + 4 + length;
        return data.Length >= total ? total : 0;
    }

    /// <summary>Logs the reader in to PushChat as a guest, as its browser's login form does; the session becomes the reader's.</summary>
    protected static SessionKey LogIn(Reader reader)
    {
        var connection = reader.Connection;
        connection.Send(FormPost("/login", $"name={reader.Name}&password="));
        var login = connection.ReadHead();

        // A node that could not check the account in time (a crowd logging in at once through
        // the database) answers 503 "try again in a moment": a person would, and so does a reader.
        for (var attempt = 1; login.Status == 503 && attempt <= LoginAttempts; attempt++)
        {
            connection.Skip(login.ContentLength);
            reader.OnLoginRefused();
            Thread.Sleep(TimeSpan.FromMilliseconds(250 * attempt));
            connection.Send(FormPost("/login", $"name={reader.Name}&password="));
            login = connection.ReadHead();
        }

        var location = login["Location"];
        var at = location?.IndexOf("sid=", StringComparison.Ordinal) ?? -1;
        if (login.Status != 303 || at < 0)
        {
            // The page's text says why (a cap, a hook, the backplane): the first lines of its body.
            var text = connection.ReadText((int)Math.Min(login.ContentLength, 16 * 1024));
            var reason = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>|\\s+", " ").Trim();
            throw new InvalidDataException($"Login of {reader.Name} answered {login.Status}: {reason[..Math.Min(reason.Length, 300)]}");
        }

        connection.Skip(login.ContentLength);

        var session = new SessionKey(location!.Substring(at + 4), SessionKey.CookieOf(login["Set-Cookie"]));
        reader.Session = session;
        return session;
    }

    /// <summary>A body read for its benchmark markers anywhere in it, chunked or not.</summary>
    protected static IStreamDecoder Scanned(Reader reader, bool chunked) =>
        chunked ? new ChunkedDecoder(new MarkerScanner(reader)) : new MarkerScanner(reader);

    internal static byte[] FormPost(string path, string form, SessionKey? session = null) => Encoding.ASCII.GetBytes(
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\n{session?.CookieHeader}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");

    /// <summary>
    /// PushChat's classic transport: log in, then GET the never-ending chat frame; posts are the
    /// talk frame's form. Like a browser, each request of a session carries the cookie its login set.
    /// </summary>
    private sealed class ForeverFrameProtocol : ChatProtocol
    {
        public override string Name => "forever";

        public override bool SpeakersAreSessions => true;

        public override IStreamDecoder Subscribe(Reader reader)
        {
            var connection = reader.Connection;
            var session = LogIn(reader);
            connection.Send($"GET /chat?sid={session.Id} HTTP/1.1\r\nHost: localhost\r\n{session.CookieHeader}\r\n");
            var chat = connection.ReadHead();
            if (chat.Status != 200)
            {
                throw new InvalidDataException($"The chat frame of {reader.Name} answered {chat.Status}.");
            }

            return Scanned(reader, chat.Chunked);
        }

        public override byte[] Post(string text, SessionKey? session) => FormPost("/say", $"sid={session?.Id}&text={text}", session);
    }

    /// <summary>The Kestrel baseline: an SSE stream per reader, posts by form.</summary>
    private sealed class SseProtocol : ChatProtocol
    {
        public override string Name => "sse";

        public override IStreamDecoder Subscribe(Reader reader)
        {
            var connection = reader.Connection;
            connection.Send($"GET /sse?name={reader.Name} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n");
            var head = connection.ReadHead();
            if (head.Status != 200)
            {
                throw new InvalidDataException($"The SSE stream of {reader.Name} answered {head.Status}.");
            }

            return Scanned(reader, head.Chunked);
        }

        public override byte[] Post(string text, SessionKey? session) => FormPost("/say", $"text={text}");
    }

    /// <summary>The raw-socket ceiling: "SUB\n" subscribes, "PUB text\n" posts and is acknowledged by "+\n", lines come back plain.</summary>
    private sealed class RawProtocol : ChatProtocol
    {
        public override string Name => "raw";

        public override IStreamDecoder Subscribe(Reader reader)
        {
            reader.Connection.Send("SUB\n"u8);
            return new MarkerScanner(reader);
        }

        public override byte[] Post(string text, SessionKey? session) => Encoding.ASCII.GetBytes($"PUB {text}\n");

        public override int ReadAnswer(BufferedSocket connection) => connection.ReadLine() == "+" ? 200 : 500;

        public override int TryParseAnswer(ReadOnlySpan<byte> data, out int status)
        {
            var end = data.IndexOf((byte)'\n');
            status = end == 1 && data[0] == (byte)'+' ? 200 : 500;
            return end + 1;
        }
    }
}
