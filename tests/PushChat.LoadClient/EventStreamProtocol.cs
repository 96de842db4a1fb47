using PushChat.LoadClient.Streams;

namespace PushChat.LoadClient;

/// <summary>
/// PushChat's Server-Sent Events (PROTOCOL.md, <c>GET /events</c>): log in, then open the
/// session's event stream with its cookie, as a page's <c>EventSource</c> does; posts are the
/// talk frame's form, as on the forever frame.
/// </summary>
internal sealed class EventStreamProtocol : ChatProtocol
{
    public override string Name => "events";

    public override bool SpeakersAreSessions => true;

    public override IStreamDecoder Subscribe(Reader reader)
    {
        var connection = reader.Connection;
        var session = LogIn(reader);
        connection.Send($"GET /events?sid={session.Id} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n{session.CookieHeader}\r\n");
        var head = connection.ReadHead();
        if (head.Status != 200 || head["Content-Type"]?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new InvalidDataException($"The event stream of {reader.Name} answered {head.Status} ({head["Content-Type"]}).");
        }

        var events = new SseDecoder(reader);
        IStreamDecoder decoder = head.Chunked ? new ChunkedDecoder(events) : events;

        // A page speaks once it is in its room: a post before the join would be refused.
        while (!events.InRoom)
        {
            decoder.Feed(connection.ReceiveSome(), System.Diagnostics.Stopwatch.GetTimestamp());
        }

        return decoder;
    }

    public override byte[] Post(string text, SessionKey? session) => FormPost("/say", $"sid={session?.Id}&text={text}", session);
}
