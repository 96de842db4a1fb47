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

        // Fields in any order: a store that keeps JSON as a document (jsonb) sorts them its own way.
        Expect(ref reader, JsonTokenType.StartObject, "a text");
        string? key = null;
        List<(string Name, object? Value)>? arguments = null;
        while (Advance(ref reader) != JsonTokenType.EndObject)
        {
            if (key is null && reader.ValueTextEquals("k"))
            {
                Advance(ref reader);
                Expect(ref reader, JsonTokenType.String, "a text's key");
                key = reader.GetString()!;
            }
            else if (arguments is null && reader.ValueTextEquals("a"))
            {
                Advance(ref reader);
                Expect(ref reader, JsonTokenType.StartArray, "a text's arguments");
                arguments = [];
                while (Advance(ref reader) != JsonTokenType.EndArray)
                {
                    arguments.Add(ReadArgument(ref reader, options));
                }
            }
            else
            {
                throw new JsonException($"a text has an unknown or repeated field '{reader.GetString()}'");
            }
        }

        return LocalText.Of(
            key ?? throw new JsonException("a text has no key (\"k\")"),
            arguments?.ToArray() ?? throw new JsonException("a text has no arguments (\"a\")"));
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
        string? name = null;
        object? value = null;
        while (Advance(ref reader) != JsonTokenType.EndObject)
        {
            var field = reader.GetString();
            Advance(ref reader);
            if (name is null && field == "n")
            {
                Expect(ref reader, JsonTokenType.String, "an argument's name");
                name = reader.GetString()!;
                continue;
            }

            value = (value, field, reader.TokenType) switch
            {
                (null, "s", JsonTokenType.String) => reader.GetString()!,
                (null, "i", JsonTokenType.Number) when reader.TryGetInt32(out var number) => number,
                (null, "l", JsonTokenType.Number) when reader.TryGetInt64(out var number) => number,
                (null, "t", _) => Read(ref reader, typeof(LocalText), options),
                _ => throw new JsonException($"an argument has an unknown or repeated field '{field}', or a {reader.TokenType} that does not fit it"),
            };
        }

        return (name ?? throw new JsonException("an argument has no name (\"n\")"), value);
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
