using System;
using System.IO;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using PushChat.Internal.Chat.Sockets;

namespace PushChat.Internal.Push;

/// <summary>
/// The JSON of the streams' items and events (see PROTOCOL.md), one compact line each, escaped as
/// every answer of the protocol is (<see cref="SocketJson"/>): letters stay UTF-8; quotes, HTML's
/// special characters, control characters, U+2028 and U+2029 are escaped and a lone surrogate
/// becomes U+FFFD, so the JSON is valid, one line, and safe in any page or script.
/// </summary>
internal static class ItemJson
{

    /// <summary>The line as <paramref name="message"/> words it for one reader's language.</summary>
    public static byte[] Line(ChatLine line, ChatMessage message) => Write((line, message), static (writer, item) =>
    {
        var (line, message) = item;
        writer.WriteString("type", "line");
        WritePlace(writer, line);
        writer.WriteString("room", message.Room);
        writer.WriteNumber("seq", message.Sequence);
        writer.WriteString("kind", KindName(message.Kind));
        writer.WriteString("from", message.Sender);
        writer.WriteString("color", message.SenderColor);
        writer.WriteString("role", message.SenderRole is { } role ? SocketJson.RoleName(role) : null);
        writer.WriteString("to", message.Target);
        writer.WriteString("text", message.Text);
        writer.WriteString("time", message.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
        if (line.Topic is { } topic)
        {
            writer.WriteString("topic", topic);
        }
    });

    public static byte[] Removal(LineRemoval removal) => Write(removal, static (writer, removal) =>
    {
        writer.WriteString("type", "delete");
        WritePlace(writer, removal);
        writer.WriteString("removes", PositionText.Format(removal.Removes));
        writer.WriteString("room", removal.Line.Room);
        writer.WriteNumber("seq", removal.Line.Sequence);
    });

    /// <summary>The reader is now in a room whose log is at <paramref name="head"/>; <paramref name="cursor"/> is where the reader stands before the room's history.</summary>
    public static byte[] Room(string name, string? topic, string? owner, LogPosition head, StreamCursor cursor) => Write((name, topic, owner, head, cursor), static (writer, room) =>
    {
        writer.WriteString("type", "room");
        writer.WriteString("room", room.name);
        writer.WriteString("topic", room.topic);
        writer.WriteString("owner", room.owner);
        writer.WriteString("position", PositionText.Format(room.head));
        writer.WriteString("cursor", PositionText.Format(room.cursor));
    });

    public static byte[] Missed(LogMiss miss) => Write(miss, static (writer, miss) =>
    {
        writer.WriteString("type", "missed");
        writer.WriteString("log", miss.InMailbox ? "mailbox" : "room");
        writer.WriteNumber("count", miss.Count);
        writer.WriteBoolean("reset", miss.Reset);
    });

    public static byte[] Bye(string reason, string? text) => Write((reason, text), static (writer, bye) =>
    {
        writer.WriteString("type", "bye");
        writer.WriteString("reason", bye.reason);
        writer.WriteString("text", bye.text);
    });

    /// <summary>A JSON object whose members <paramref name="members"/> writes.</summary>
    public static byte[] Write<T>(T state, Action<Utf8JsonWriter, T> members)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, SocketJson.WriterOptions))
        {
            writer.WriteStartObject();
            members(writer, state);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string KindName(ChatMessageKind kind) => kind switch
    {
        ChatMessageKind.Public => "public",
        ChatMessageKind.Action => "action",
        ChatMessageKind.Whisper => "whisper",
        _ => "system",
    };

    private static void WritePlace(Utf8JsonWriter writer, PushItem item)
    {
        writer.WriteString("log", item.InMailbox ? "mailbox" : "room");
        writer.WriteString("position", PositionText.Format(item.Position));
    }
}
