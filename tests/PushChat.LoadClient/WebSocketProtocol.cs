using System.Security.Cryptography;
using System.Text;
using PushChat.LoadClient.Streams;

namespace PushChat.LoadClient;

/// <summary>
/// PushChat's WebSocket (PROTOCOL.md, <c>GET /ws</c>): log in, upgrade <c>/ws?sid=…</c> with the
/// session's cookie, say <c>hello</c>, then read the server's text frames, one JSON item each.
/// Posts stay the talk frame's form, so every transport is measured with the same speakers.
/// </summary>
internal sealed class WebSocketProtocol : ChatProtocol
{
    // RFC 6455 §1.3: the GUID the server appends to the client's key before hashing it.
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static readonly byte[] Hello = Encoding.UTF8.GetBytes("{\"type\":\"hello\",\"version\":1}");

    public override string Name => "ws";

    public override bool SpeakersAreSessions => true;

    public override IStreamDecoder Subscribe(Reader reader)
    {
        var connection = reader.Connection;
        var session = LogIn(reader);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        connection.Send($"GET /ws?sid={session.Id} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{session.CookieHeader}\r\n");
        var head = connection.ReadHead();
        if (head.Status != 101)
        {
            throw new InvalidDataException($"The WebSocket upgrade of {reader.Name} answered {head.Status}.");
        }

        if (head["Sec-WebSocket-Accept"] != ExpectedAccept(key) || !string.Equals(head["Upgrade"], "websocket", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The WebSocket upgrade of {reader.Name} was not accepted as RFC 6455 §4.2.2 says.");
        }

        connection.Send(ClientFrame.Encode(ClientFrame.Text, Hello));

        // The welcome answers the hello before the session joins its room: a page speaks once
        // the room item came, as a post before the join would be refused.
        var frames = new WebSocketDecoder(reader, reader);
        while (!frames.InRoom)
        {
            frames.Feed(connection.ReceiveSome(), System.Diagnostics.Stopwatch.GetTimestamp());
        }

        return frames;
    }

    public override byte[] Post(string text, SessionKey? session) => FormPost("/say", $"sid={session?.Id}&text={text}", session);

#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the handshake; it proves a WebSocket server answered, it protects nothing.
    private static string ExpectedAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
}
