using System.Net;
using System.Security.Cryptography;
using System.Text;
using PushChat.LoadClient.Streams;

namespace PushChat.LoadClient.Ceiling;

/// <summary>
/// Takes a <see cref="LineTemplate"/> from a running PushChat server: logs a guest in, opens its
/// stream in the format asked for as the benchmark's readers do, says one line of the given text
/// by the talk form, and cuts the line's bytes, as they arrived, out of the stream.
/// </summary>
internal static class TemplateCapture
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <param name="server">A PushChat server.</param>
    /// <param name="format">The reader format (<see cref="CeilingFormats"/>).</param>
    /// <param name="name">The guest's name: it is in the line's markup, so its length is the template's.</param>
    /// <param name="text">The line's text; any text of the same length gives the same number of bytes.</param>
    public static LineTemplate Capture(IPEndPoint server, string format, string name, string text)
    {
        var item = CaptureItem(server, format, name, text);
        return LineTemplate.Cut(format, item, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>PushChat's bytes for the line: its chunk or frame, and for SSE the <c>id:</c> chunk after it unless the event's chunk holds its id.</summary>
    public static byte[] CaptureItem(IPEndPoint server, string format, string name, string text)
    {
        using var stream = new BufferedSocket(16 * 1024, Timeout);
        stream.Connect(server);
        var session = LogIn(stream, name);
        var body = Open(stream, CeilingFormats.Check(format), session);

        // A JSON stream's session speaks once its room item came, as a page does.
        var room = format switch { CeilingFormats.EventStream => "event: room"u8.ToArray(), CeilingFormats.WebSocket => "\"type\":\"room\""u8.ToArray(), _ => Array.Empty<byte>() };
        while (room.Length > 0 && body.AsSpan().IndexOf(room) < 0)
        {
            body = [.. body, .. stream.ReceiveSome()];
        }

        Say(server, session, text);

        var wanted = Encoding.UTF8.GetBytes(text);
        byte[]? item;
        while ((item = FindItem(format, body, wanted)) is null)
        {
            body = [.. body, .. stream.ReceiveSome()];
        }

        return item;
    }

    /// <summary>
    /// Says the line through the talk form, as a page does: a 409 ("wait a moment and send it
    /// again": the session's join is not applied yet) is sent again after a moment, for a while.
    /// </summary>
    private static void Say(IPEndPoint server, SessionKey session, string text)
    {
        var form = $"sid={session.Id}&text={Uri.EscapeDataString(text)}";
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            using var talk = new BufferedSocket(16 * 1024, Timeout);
            talk.Connect(server);
            talk.Send($"POST /say HTTP/1.1\r\nHost: localhost\r\n{session.CookieHeader}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");
            var answer = talk.ReadHead();
            if (answer.Status == 303)
            {
                return;
            }

            if (answer.Status != 409 || DateTime.UtcNow > deadline)
            {
                throw new InvalidDataException($"Saying the template's line answered {answer.Status}.");
            }

            // Another process's state: nothing here can be awaited, so ask again shortly.
            Thread.Sleep(20);
        }
    }

    /// <summary>The whole item whose payload holds <paramref name="text"/>, walking the stream's chunks or frames from its start; null while it is incomplete.</summary>
    internal static byte[]? FindItem(string format, ReadOnlySpan<byte> body, ReadOnlySpan<byte> text)
    {
        var at = 0;
        while (at < body.Length)
        {
            var rest = body.Slice(at);
            int unit;
            bool found;
            if (format == CeilingFormats.WebSocket)
            {
                if (!WebSocketFrameHeader.TryRead(rest, out var header) || rest.Length < header.Length + header.PayloadLength)
                {
                    return null;
                }

                unit = header.Length + (int)header.PayloadLength;
                found = header.Opcode == 0x1 && rest.Slice(header.Length, (int)header.PayloadLength).IndexOf(text) >= 0;
            }
            else
            {
                if (!TryChunk(rest, out unit, out found, text))
                {
                    return null;
                }

                if (found && format == CeilingFormats.EventStream && rest.Slice(0, unit).IndexOf("\nid:"u8) < 0)
                {
                    // An event whose chunk holds no id is followed by its reader's id chunk, which ends it.
                    if (!TryChunk(rest.Slice(unit), out var id, out _, text))
                    {
                        return null;
                    }

                    unit += id;
                }
            }

            if (found)
            {
                return rest.Slice(0, unit).ToArray();
            }

            at += unit;
        }

        return null;
    }

    private static bool TryChunk(ReadOnlySpan<byte> data, out int length, out bool holdsText, ReadOnlySpan<byte> text)
    {
        length = 0;
        holdsText = false;
        if (data.IndexOf("\r\n"u8) < 0)
        {
            return false;
        }

        var size = LineTemplate.ReadChunkHeader(data, out var start);
        if (data.Length < start + size + 2)
        {
            return false;
        }

        length = start + size + 2;
        holdsText = data.Slice(start, size).IndexOf(text) >= 0;
        return true;
    }

    private static SessionKey LogIn(BufferedSocket connection, string name)
    {
        var form = $"name={Uri.EscapeDataString(name)}&password=";
        connection.Send($"POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\n\r\n{form}");
        var login = connection.ReadHead();
        connection.Skip(login.ContentLength);
        var location = login["Location"];
        var at = location?.IndexOf("sid=", StringComparison.Ordinal) ?? -1;
        if (login.Status != 303 || at < 0)
        {
            throw new InvalidDataException($"The template's guest login answered {login.Status}.");
        }

        return new SessionKey(location!.Substring(at + 4), SessionKey.CookieOf(login["Set-Cookie"]));
    }

    /// <summary>Opens the session's stream on the same connection; returns the bytes after the head received so far.</summary>
    private static byte[] Open(BufferedSocket connection, string format, SessionKey session)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        connection.Send(format switch
        {
            CeilingFormats.Frame => $"GET /chat?sid={session.Id} HTTP/1.1\r\nHost: localhost\r\n{session.CookieHeader}\r\n",
            CeilingFormats.EventStream => $"GET /events?sid={session.Id} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n{session.CookieHeader}\r\n",
            _ => $"GET /ws?sid={session.Id} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{session.CookieHeader}\r\n",
        });
        var head = connection.ReadHead();
        if (head.Status != (format == CeilingFormats.WebSocket ? 101 : 200))
        {
            throw new InvalidDataException($"The template's {format} stream answered {head.Status}.");
        }

        if (format == CeilingFormats.WebSocket)
        {
            connection.Send(ClientFrame.Encode(ClientFrame.Text, "{\"type\":\"hello\",\"version\":1}"u8));
        }

        return connection.TakeBuffered().ToArray();
    }
}
