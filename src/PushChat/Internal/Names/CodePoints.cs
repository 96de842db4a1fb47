namespace PushChat.Internal.Names;

/// <summary>Walks a string by code point on every target (netstandard2.0 has no <c>Rune</c>).</summary>
internal static class CodePoints
{
    /// <summary>The code point at <paramref name="index"/>; a lone surrogate is returned as itself.</summary>
    public static int At(string text, int index, out int length)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            length = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }

        length = 1;
        return c;
    }
}
