using System;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PushChat.Internal.Chat.Changes.Wire;

/// <summary>
/// An address as its usual text ("192.0.2.7", "2001:db8::1"). Only that form is read back: the
/// parser also takes shorthands such as "1" for 0.0.0.1, which no node writes, so one is damage.
/// </summary>
internal sealed class IPAddressConverter : JsonConverter<IPAddress>
{
    public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"an address must be a string, not {reader.TokenType}");
        }

        var text = reader.GetString()!;
        if (!IPAddress.TryParse(text, out var address) || address.ToString() != text)
        {
            throw new JsonException($"'{text}' is not an IP address");
        }

        return address;
    }

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
