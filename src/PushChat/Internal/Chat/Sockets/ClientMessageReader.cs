using System;
using System.Collections.Generic;
using System.Text.Json;
using PushChat.Internal.Chat.Commands;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// Reads a client message (PROTOCOL.md, "Client messages") from the untrusted UTF-8 of one
/// WebSocket text message, whose size the socket already bounds. Pure: no I/O, no chat. Anything
/// it cannot take becomes a refusal with a stable code, never an exception.
/// </summary>
internal static class ClientMessageReader
{
    /// <summary>How deep a message may nest. The protocol's messages are flat; this leaves room for extensions and stops a stack of brackets.</summary>
    public const int MaxDepth = 8;

    /// <summary>The most characters an <c>id</c> may have: every answer repeats it, so it stays small.</summary>
    public const int MaxIdLength = 256;

    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = MaxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    private static readonly Dictionary<string, ClientMessageType> Types = new(StringComparer.Ordinal)
    {
        ["login"] = ClientMessageType.Login,
        ["register"] = ClientMessageType.Register,
        ["resume"] = ClientMessageType.Resume,
        ["hello"] = ClientMessageType.Hello,
        ["say"] = ClientMessageType.Say,
        ["whisper"] = ClientMessageType.Whisper,
        ["act"] = ClientMessageType.Act,
        ["command"] = ClientMessageType.Command,
        ["join"] = ClientMessageType.Join,
        ["delete"] = ClientMessageType.Delete,
        ["ignore"] = ClientMessageType.Ignore,
        ["color"] = ClientMessageType.Color,
        ["who"] = ClientMessageType.Who,
        ["leave"] = ClientMessageType.Leave,
    };

    public static ClientMessageRead Read(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Strict);
        }
        catch (JsonException)
        {
            // Not JSON, or nested deeper than MaxDepth.
            return Invalid(MessageId.None, LocalText.Of(SocketTexts.NotJson, ("depth", MaxDepth)));
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (MessageFieldException field)
            {
                return Invalid(field.Id, field.Text);
            }
            catch (InvalidOperationException)
            {
                // A field's name that is not UTF-8: the socket checks UTF-8 already, the reader does not rely on it.
                return Invalid(MessageId.None, LocalText.Of(SocketTexts.NotUtf8));
            }
        }
    }

    private static ClientMessageRead Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(MessageId.None, LocalText.Of(SocketTexts.NotAnObject));
        }

        var fields = MessageFields.Collect(root);
        var id = ReadId(fields);
        var type = fields.String("type", id, required: false);
        if (VersionRefusal(fields.Version, id) is { } unsupported)
        {
            return unsupported;
        }

        if (type is null)
        {
            return Invalid(id, LocalText.Of(SocketTexts.NeedsType));
        }

        return Types.TryGetValue(type, out var known)
            ? ClientMessageRead.Read(MessageOfType(known, id, fields))
            : ClientMessageRead.Refused(id, SocketCodes.UnknownType, LocalText.Of(SocketTexts.UnknownType));
    }

    private static ClientMessage MessageOfType(ClientMessageType type, MessageId id, MessageFields fields) => type switch
    {
        ClientMessageType.Login => new(type, id) { Name = fields.String("name", id), Password = fields.String("password", id, required: false), Room = fields.String("room", id, required: false), Language = fields.String("language", id, required: false) },
        ClientMessageType.Register => new(type, id) { Name = fields.String("name", id), Password = fields.String("password", id), Room = fields.String("room", id, required: false), Language = fields.String("language", id, required: false) },
        ClientMessageType.Resume => new(type, id) { Session = fields.String("session", id), Token = fields.String("token", id), After = fields.String("after", id, required: false) },
        ClientMessageType.Hello => new(type, id) { After = fields.String("after", id, required: false) },
        ClientMessageType.Say or ClientMessageType.Act or ClientMessageType.Command => new(type, id) { Text = fields.String("text", id) },
        ClientMessageType.Whisper => new(type, id) { To = fields.String("to", id), Text = fields.String("text", id) },
        ClientMessageType.Join => new(type, id) { Room = fields.String("room", id) },
        ClientMessageType.Delete => new(type, id) { Position = fields.String("position", id) },
        ClientMessageType.Ignore => new(type, id) { User = fields.String("user", id), Ignore = fields.Boolean("ignore", id) ?? true },
        ClientMessageType.Color => new(type, id) { Color = fields.String("color", id) },
        _ => new(type, id),
    };

    private static MessageId ReadId(MessageFields fields)
    {
        if (fields.Id is not { } id || id.ValueKind == JsonValueKind.Null)
        {
            return MessageId.None;
        }

        if (id.ValueKind == JsonValueKind.Number)
        {
            var number = id.GetRawText();
            return number.Length <= MaxIdLength ? MessageId.FromNumber(number) : throw new MessageFieldException(MessageId.None, LocalText.Of(SocketTexts.IdTooLong, ("count", MaxIdLength)));
        }

        if (id.ValueKind == JsonValueKind.String)
        {
            var text = MessageFields.StringOf(id, "id", MessageId.None);
            return text.Length <= MaxIdLength ? MessageId.FromString(text) : throw new MessageFieldException(MessageId.None, LocalText.Of(SocketTexts.IdTooLong, ("count", MaxIdLength)));
        }

        throw new MessageFieldException(MessageId.None, LocalText.Of(SocketTexts.IdKind));
    }

    /// <summary>Null when the message asks for this server's version or none; a number written as <c>1.0</c> is still 1.</summary>
    private static ClientMessageRead? VersionRefusal(JsonElement? version, MessageId id) => version switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: not JsonValueKind.Number } => Invalid(id, LocalText.Of(SocketTexts.VersionIsNumber)),
        { } number when number.TryGetDecimal(out var asked) && asked == SocketJson.ProtocolVersion => null,
        _ => ClientMessageRead.Refused(id, SocketCodes.UnsupportedVersion, LocalText.Of(SocketTexts.UnsupportedVersion, ("version", SocketJson.ProtocolVersion))),
    };

    private static ClientMessageRead Invalid(MessageId id, LocalText message) => ClientMessageRead.Refused(id, RefusalCodes.Invalid, message);
}
