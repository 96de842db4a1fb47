namespace PushChat.LoadClient.Streams;

/// <summary>
/// Reads what the benchmark needs from one JSON item of PushChat's streams (PROTOCOL.md, "Items")
/// with span searches and no JSON document: whether it is a <c>line</c>, and the marker
/// <c>@SEQUENCE.TICKS.</c> its text starts with. The searches cannot be fooled by a value:
/// a string in JSON holds no unescaped quote, so <c>"type":"line"</c> and <c>"text":"</c> are
/// only ever a key and its value in the flat object of a line.
/// </summary>
internal static class LineItem
{
    public static bool IsLine(ReadOnlySpan<byte> json) => json.IndexOf("\"type\":\"line\""u8) >= 0;

    /// <summary>Reads the marker at the very start of the item's text; false when the text does not start with a whole one.</summary>
    public static bool TryReadMarker(ReadOnlySpan<byte> json, out long sequence, out long ticks)
    {
        sequence = 0;
        ticks = 0;
        var key = json.IndexOf("\"text\":\"@"u8);
        if (key < 0)
        {
            return false;
        }

        var text = json.Slice(key + 9);
        return TryReadNumber(ref text, out sequence) && TryReadNumber(ref text, out ticks);
    }

    /// <summary>Reads digits ended by a dot, and moves past the dot.</summary>
    private static bool TryReadNumber(ref ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var i = 0;
        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        if (i == 0 || i == text.Length || text[i] != (byte)'.')
        {
            return false;
        }

        text = text.Slice(i + 1);
        return true;
    }
}
