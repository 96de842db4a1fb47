using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PushChat.Localization;

namespace PushChat.Internal.Chat.Changes.Wire;

/// <summary>
/// A text as it was made, so every node words it in each reader's own language: plain text is a
/// string; a keyed text is <c>{"k":key,"a":[{"n":name,"s"|"i"|"l"|"t":value}]}</c>, each argument
/// tagged with its kind (string, int, long, nested text; none for null) so it comes back as the
/// same type and a plural choice counts it the same way.
/// </summary>
internal sealed class LocalTextConverter : JsonConverter<LocalText>
{
    public override LocalText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return LocalText.Plain(reader.GetString()!);
        }

        Expect(ref reader, JsonTokenType.StartObject, "a text");
        ReadName(ref reader, "k");
        Advance(ref reader);
        Expect(ref reader, JsonTokenType.String, "a text's key");
        var key = reader.GetString()!;
        ReadName(ref reader, "a");
        Advance(ref reader);
        Expect(ref reader, JsonTokenType.StartArray, "a text's arguments");
        var arguments = new List<(string Name, object? Value)>();
        while (Advance(ref reader) != JsonTokenType.EndArray)
        {
            arguments.Add(ReadArgument(ref reader, options));
        }

        Advance(ref reader);
        Expect(ref reader, JsonTokenType.EndObject, "the end of a text");
        return LocalText.Of(key, arguments.ToArray());
    }

    public override void Write(Utf8JsonWriter writer, LocalText value, JsonSerializerOptions options)
    {
        if (value.PlainText is { } plain)
        {
            writer.WriteStringValue(plain);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("k", value.Key);
        writer.WriteStartArray("a");
        foreach (var (name, argument) in value.Arguments)
        {
            writer.WriteStartObject();
            writer.WriteString("n", name);
            switch (argument)
            {
                case null:
                    break;
                case string text:
                    writer.WriteString("s", text);
                    break;
                case int number:
                    writer.WriteNumber("i", number);
                    break;
                case long number:
                    writer.WriteNumber("l", number);
                    break;
                case LocalText inner:
                    writer.WritePropertyName("t");
                    Write(writer, inner, options);
                    break;
                default:
                    // No text made by the chat holds another kind; one a host passes travels as it
                    // reads (the template shows any argument this way), so every node shows the same words.
                    writer.WriteString("s", argument is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : argument.ToString());
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private (string Name, object? Value) ReadArgument(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an argument");
        ReadName(ref reader, "n");
        Advance(ref reader);
        Expect(ref reader, JsonTokenType.String, "an argument's name");
        var name = reader.GetString()!;
        if (Advance(ref reader) == JsonTokenType.EndObject)
        {
            return (name, null);
        }

        Expect(ref reader, JsonTokenType.PropertyName, "an argument's value");
        var kind = reader.GetString();
        Advance(ref reader);
        object value = kind switch
        {
            "s" when reader.TokenType == JsonTokenType.String => reader.GetString()!,
            "i" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) => number,
            "l" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) => number,
            "t" => Read(ref reader, typeof(LocalText), options),
            _ => throw new JsonException($"argument '{name}' has a value of unknown kind '{kind}' or a {reader.TokenType} that does not fit it"),
        };
        Advance(ref reader);
        Expect(ref reader, JsonTokenType.EndObject, "the end of an argument");
        return (name, value);
    }

    private static void ReadName(ref Utf8JsonReader reader, string name)
    {
        Advance(ref reader);
        if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(name))
        {
            throw new JsonException($"a text must have \"{name}\" here, not {reader.TokenType}");
        }
    }

    private static JsonTokenType Advance(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("a text ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"{what} must be {token}, not {reader.TokenType}");
        }
    }
}
