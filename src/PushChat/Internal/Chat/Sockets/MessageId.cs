using System.Text.Json;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// The <c>id</c> a client put on its message, which the answer repeats: a string, or a number kept
/// as the client wrote it (a client's <c>1.50</c> comes back as <c>1.50</c>, not re-formatted), or none.
/// </summary>
internal readonly struct MessageId
{
    private readonly string? _text;
    private readonly string? _number;

    private MessageId(string? text, string? number)
    {
        _text = text;
        _number = number;
    }

    /// <summary>No id: the message had none, or it could not be read.</summary>
    public static MessageId None => default;

    public bool IsNone => _text is null && _number is null;

    public static MessageId FromString(string text) => new(text, null);

    /// <summary>A number as its JSON text, already checked to be one.</summary>
    public static MessageId FromNumber(string json) => new(null, json);

    /// <summary>Writes <c>"id":…</c>, null when there is none.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (_number is not null)
        {
            writer.WritePropertyName("id");
            writer.WriteRawValue(_number, skipInputValidation: false);
        }
        else if (_text is not null)
        {
            writer.WriteString("id", _text);
        }
        else
        {
            writer.WriteNull("id");
        }
    }

    public override string ToString() => _number ?? (_text is null ? "(none)" : "\"" + _text + "\"");
}
