using System;
using PushChat.Internal.Push;
using System.Linq;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.State;
using PushChat.Localization;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// The server's answers to client messages (PROTOCOL.md, "Server answers"), each one compact JSON
/// object in UTF-8 (escaped as <see cref="SocketJson"/> says), ready to be one WebSocket text message.
/// <c>ok</c> and <c>error</c> always carry <c>id</c> (null when the message had none or could not be
/// read); <c>welcome</c> and a <c>presence</c> that answers <c>who</c> carry it when the message had one.
/// </summary>
internal static class SocketAnswers
{
    /// <summary>The answer to an accepted first message; <paramref name="withToken"/> false writes the token as null.</summary>
    public static byte[] Welcome(ChatSession session, MessageId id, bool withToken) => Write(writer =>
    {
        writer.WriteString("type", "welcome");
        WriteIdIfAny(writer, id);
        writer.WriteNumber("protocol", SocketJson.ProtocolVersion);
        writer.WriteString("session", session.Id);
        if (withToken)
        {
            writer.WriteString("token", session.BrowserSecret);
        }
        else
        {
            writer.WriteNull("token");
        }

        writer.WriteString("user", session.UserName);
        writer.WriteString("role", SocketJson.RoleName(session.Role));
        writer.WriteString("color", session.Color);
    });

    public static byte[] Ok(MessageId id) => Write(writer =>
    {
        writer.WriteString("type", "ok");
        id.WriteTo(writer);
    });

    /// <summary>A refusal, its message in the client's language (English when not known yet).</summary>
    public static byte[] Error(MessageId id, CommandRefusal refusal, ChatLanguage? language = null) => Write(writer =>
    {
        writer.WriteString("type", "error");
        id.WriteTo(writer);
        writer.WriteString("code", refusal.Code);
        writer.WriteNumber("status", refusal.StatusCode);
        writer.WriteString("message", refusal.Message.In(language ?? ChatLanguage.English));
    });

    /// <summary>The most users a presence item names: a crowded room's list would be longer than a reader's queue.</summary>
    public const int MaxPresenceUsers = 200;

    /// <summary>
    /// Who is in <paramref name="room"/>: <paramref name="count"/> users in all, of whom
    /// <paramref name="users"/> (at most <see cref="MaxPresenceUsers"/>) are named, by name, idle in
    /// whole seconds since their last sign of life; those of <paramref name="owners"/> are marked as owners of the room.
    /// </summary>
    public static byte[] Presence(string room, IEnumerable<ChatUserInfo> users, int count, DateTimeOffset now, MessageId id, IReadOnlyCollection<string> owners) => Write(writer =>
    {
        writer.WriteString("type", "presence");
        WriteIdIfAny(writer, id);
        writer.WriteString("room", room);
        writer.WriteNumber("count", count);
        writer.WriteStartArray("users");
        foreach (var user in users.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Take(MaxPresenceUsers))
        {
            writer.WriteStartObject();
            writer.WriteString("name", user.Name);
            writer.WriteString("role", SocketJson.RoleName(user.Role));
            writer.WriteString("color", user.Color);
            writer.WriteNumber("idleSeconds", Math.Max(0L, (long)(now - user.LastSeen).TotalSeconds));
            if (owners.Contains(user.Name, StringComparer.OrdinalIgnoreCase))
            {
                writer.WriteBoolean("owner", true);
            }
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    private static void WriteIdIfAny(Utf8JsonWriter writer, MessageId id)
    {
        if (!id.IsNone)
        {
            id.WriteTo(writer);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> members) => ItemJson.Write(members, static (writer, write) => write(writer));
}
