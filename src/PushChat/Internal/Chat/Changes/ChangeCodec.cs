using System;
using System.Text.Json;
using PushChat.Internal.Chat.Changes.Wire;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// Turns a change into the bytes a backplane stores and back, so every node of a chat applies
/// the same change. The bytes are compact JSON (see <see cref="ChangeContract"/>); a row that
/// cannot be read, damaged or written by a newer version, is refused with a
/// <see cref="FormatException"/> saying what is wrong, never applied in part.
/// </summary>
internal static class ChangeCodec
{
    private const string Row = "A change read from the backplane";

    public static byte[] Encode(ChatChange change)
    {
        if (change is null)
        {
            throw new ArgumentNullException(nameof(change));
        }

        if (!ChangeKinds.TryGetName(change.GetType(), out _))
        {
            throw new NotSupportedException($"{change.GetType().Name} has no name to travel under: add it to {nameof(ChangeKinds)}.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(change, ChangeContract.Options);
    }

    /// <summary>The change in <paramref name="payload"/>, applied at <paramref name="at"/>, the backplane's time of it.</summary>
    public static ChatChange Decode(ReadOnlySpan<byte> payload, DateTimeOffset at)
    {
        var kind = ReadKind(payload);
        try
        {
            var change = JsonSerializer.Deserialize<ChatChange>(payload, ChangeContract.Options)
                ?? throw new FormatException($"{Row} is null.");
            return change with { At = at };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new FormatException($"{Row} as '{kind}' is damaged: {ex.Message}", ex);
        }
    }

    // The kind is read first, on its own, so a newer node's change is told apart from damage.
    private static string ReadKind(ReadOnlySpan<byte> payload)
    {
        string? kind;
        try
        {
            var reader = new Utf8JsonReader(payload);
            kind = reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(ChangeContract.KindProperty)
                && reader.Read() && reader.TokenType == JsonTokenType.String
                ? reader.GetString()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException($"{Row} is not JSON: {ex.Message}", ex);
        }

        if (kind is null)
        {
            throw new FormatException($"{Row} does not start with its kind (\"{ChangeContract.KindProperty}\").");
        }

        if (!ChangeKinds.IsKnown(kind))
        {
            throw new FormatException($"{Row} is of an unknown kind '{Shortened(kind)}': written by a newer version, or damaged.");
        }

        return kind;
    }

    // A damaged row may hold a name of any length; the message needs only its start.
    private static string Shortened(string kind) => kind.Length <= 64 ? kind : kind.Remove(64) + "…";
}
