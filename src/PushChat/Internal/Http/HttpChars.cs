using System;

namespace PushChat.Internal.Http;

/// <summary>Character classes of RFC 9110 §5.6.2 and a byte-to-string helper for header text.</summary>
internal static class HttpChars
{
    public static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    public static bool IsTokenChar(byte b) =>
        b is >= (byte)'a' and <= (byte)'z'
        or >= (byte)'A' and <= (byte)'Z'
        or >= (byte)'0' and <= (byte)'9'
        or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*'
        or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';

    public static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && value[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        while (end > start && value[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return value.Slice(start, end - start);
    }

    /// <summary>Header text is octets (RFC 9110 §5.5); each byte becomes the char of the same value.</summary>
    public static string Latin1(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        var chars = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return chars.ToString();
    }
}
