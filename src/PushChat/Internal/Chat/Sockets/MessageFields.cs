using System;
using System.Collections.Generic;
using System.Text.Json;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// The fields of a client message the protocol knows, found in one pass over the object; the rest
/// are ignored as the protocol says. A known field twice is refused rather than one of its values
/// taken: two readers of the same JSON (a proxy, a log, this server) must not see different messages.
/// </summary>
internal sealed class MessageFields
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "type", "id", "version", "name", "password", "room", "session", "token", "after", "text", "to", "user", "ignore", "color", "position", "language",
    };

    private readonly Dictionary<string, JsonElement> _fields;

    private MessageFields(Dictionary<string, JsonElement> fields) => _fields = fields;

    public JsonElement? Id => Find("id");

    public JsonElement? Version => Find("version");

    public static MessageFields Collect(JsonElement message)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in message.EnumerateObject())
        {
            if (!Known.Contains(property.Name))
            {
                continue;
            }

            if (fields.ContainsKey(property.Name))
            {
                throw new MessageFieldException(MessageId.None, LocalText.Of(SocketTexts.FieldTwice, ("field", property.Name)));
            }

            fields.Add(property.Name, property.Value);
        }

        return new MessageFields(fields);
    }

    /// <summary>A string field; null when absent or null and not <paramref name="required"/>.</summary>
    public string? String(string name, MessageId id, bool required = true)
    {
        if (Find(name) is not { ValueKind: not JsonValueKind.Null } value)
        {
            return required ? throw new MessageFieldException(id, LocalText.Of(SocketTexts.FieldRequired, ("field", name))) : null;
        }

        return value.ValueKind == JsonValueKind.String ? StringOf(value, name, id) : throw new MessageFieldException(id, LocalText.Of(SocketTexts.FieldIsString, ("field", name)));
    }

    /// <summary>A true-or-false field; null when absent or null.</summary>
    public bool? Boolean(string name, MessageId id) => Find(name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new MessageFieldException(id, LocalText.Of(SocketTexts.FieldIsBoolean, ("field", name))),
    };

    /// <summary>A string value's text. An escaped lone surrogate (<c>"\ud800"</c>) is valid JSON but not text, and is refused, as is broken UTF-8.</summary>
    public static string StringOf(JsonElement value, string name, MessageId id)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new MessageFieldException(id, LocalText.Of(SocketTexts.FieldNotText, ("field", name)));
        }
    }

    private JsonElement? Find(string name) => _fields.TryGetValue(name, out var value) ? value : null;
}
