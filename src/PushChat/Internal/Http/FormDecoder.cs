using System;
using System.Collections.Generic;
using System.Text;

namespace PushChat.Internal.Http;

/// <summary>
/// Decodes <c>application/x-www-form-urlencoded</c> data (query strings and form bodies) as
/// UTF-8, the way the WHATWG URL standard encodes it: <c>+</c> is a space, <c>%XX</c> a byte.
/// Malformed escapes and invalid UTF-8 are refused rather than guessed at.
/// </summary>
internal static class FormDecoder
{
    public const int MaxFields = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyDictionary<string, string> Decode(string encoded) => Decode(Encoding.ASCII.GetBytes(encoded));

    public static IReadOnlyDictionary<string, string> Decode(ReadOnlySpan<byte> encoded)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!encoded.IsEmpty)
        {
            var amp = encoded.IndexOf((byte)'&');
            var pair = amp < 0 ? encoded : encoded.Slice(0, amp);
            encoded = amp < 0 ? ReadOnlySpan<byte>.Empty : encoded.Slice(amp + 1);
            if (pair.IsEmpty)
            {
                continue;
            }

            if (fields.Count == MaxFields)
            {
                throw new BadHttpRequestException(400, "The form has too many fields.");
            }

            var eq = pair.IndexOf((byte)'=');
            var name = DecodeComponent(eq < 0 ? pair : pair.Slice(0, eq));
            var value = eq < 0 ? string.Empty : DecodeComponent(pair.Slice(eq + 1));

            // The first occurrence wins, so a later duplicate cannot override what a form sent.
#if NET
            fields.TryAdd(name, value);
#else
            if (!fields.ContainsKey(name))
            {
                fields.Add(name, value);
            }
#endif
        }

        return fields;
    }

    private static string DecodeComponent(ReadOnlySpan<byte> component)
    {
        var bytes = new byte[component.Length];
        var length = 0;
        for (var i = 0; i < component.Length; i++)
        {
            var b = component[i];
            if (b == (byte)'+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (b == (byte)'%')
            {
                if (i + 2 >= component.Length || HexValue(component[i + 1]) < 0 || HexValue(component[i + 2]) < 0)
                {
                    throw new BadHttpRequestException(400, "The form data has a malformed %-escape.");
                }

                bytes[length++] = (byte)((HexValue(component[i + 1]) << 4) | HexValue(component[i + 2]));
                i += 2;
            }
            else
            {
                bytes[length++] = b;
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new BadHttpRequestException(400, "The form data is not valid UTF-8.");
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
