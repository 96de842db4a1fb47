using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.Changes.Wire;

/// <summary>
/// Who sees a line: the string "room", or the list of sessions a whisper goes to. The room comes
/// back as <see cref="LineAudience.Room"/> itself, which the state compares by reference.
/// </summary>
internal sealed class LineAudienceConverter : JsonConverter<LineAudience>
{
    private const string Room = "room";

    public override LineAudience Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(Room))
        {
            return LineAudience.Room;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"an audience must be \"{Room}\" or a list of sessions, not {reader.TokenType}");
        }

        var sessionIds = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"an audience's session must be a string, not {reader.TokenType}");
            }

            sessionIds.Add(reader.GetString()!);
        }

        return LineAudience.Sessions(sessionIds.ToArray());
    }

    public override void Write(Utf8JsonWriter writer, LineAudience value, JsonSerializerOptions options)
    {
        if (value.SessionIds is null)
        {
            writer.WriteStringValue(Room);
            return;
        }

        // Sorted, so one change is always the same bytes whatever the set's order.
        writer.WriteStartArray();
        foreach (var sessionId in value.SessionIds.OrderBy(id => id, StringComparer.Ordinal))
        {
            writer.WriteStringValue(sessionId);
        }

        writer.WriteEndArray();
    }
}
