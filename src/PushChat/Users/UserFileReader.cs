using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace PushChat.Users;

/// <summary>
/// Reads the JSON (RFC 8259) of an account file with System.Text.Json's <see cref="Utf8JsonReader"/>,
/// strictly (no comments, no trailing commas), and turns every refusal into an
/// <see cref="InvalidDataException"/> that names the line and position as editors count them, so a
/// hand-edited file that went wrong is refused rather than half read.
/// </summary>
internal ref struct UserFileReader
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The file is a root object, its list and the accounts in it: anything deeper is refused.
    private static readonly JsonReaderOptions Strict = new() { MaxDepth = 3 };

    private readonly string _text;
    private readonly byte[] _utf8;
    private readonly int _firstLine;

    // A byte order mark is not JSON (RFC 8259 §8.1) but Windows editors add one: it is skipped,
    // and counted back into the positions reported.
    private readonly int _skipped;
    private Utf8JsonReader _json;

    /// <param name="text">The text to read.</param>
    /// <param name="firstLine">The number of the text's first line in its file, for error messages (a journal is read a line at a time).</param>
    /// <exception cref="InvalidDataException">The text holds half of a surrogate pair, which is not text.</exception>
    public UserFileReader(string text, int firstLine = 1)
    {
        _text = text;
        _firstLine = firstLine;
        _skipped = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var half = UnpairedSurrogate(text.AsSpan(_skipped));
        if (half >= 0)
        {
            _utf8 = [];
            _json = default;
            throw ErrorAtChar(_skipped + half, $"character U+{(int)text[_skipped + half]:X4} is half of a character (an unpaired UTF-16 surrogate)");
        }

        _utf8 = Utf8.GetBytes(text.Substring(_skipped));
        _json = new Utf8JsonReader(_utf8, Strict);
    }

    /// <summary>Moves to the next token; <paramref name="expected"/> names what may come, for the message when nothing valid does.</summary>
    public JsonTokenType Next(string expected)
    {
        var previousEnd = (int)_json.BytesConsumed;
        try
        {
            if (_json.Read())
            {
                return _json.TokenType;
            }
        }
        catch (JsonException ex)
        {
            throw Refusal(ByteOffset(ex), previousEnd, expected);
        }

        throw ErrorAtByte(_utf8.Length, $"expected {expected} but found the end of the file");
    }

    public void ExpectEnd()
    {
        int at;
        try
        {
            if (!_json.Read())
            {
                return;
            }

            at = (int)_json.TokenStartIndex;
        }
        catch (JsonException ex)
        {
            at = ByteOffset(ex);
        }

        throw ErrorAtByte(at, $"expected the end of the file but found {Describe(at)}");
    }

    /// <summary>The text of the current string or field name.</summary>
    /// <exception cref="InvalidDataException">It holds an escaped half of a surrogate pair.</exception>
    public readonly string Text()
    {
        if (_json.ValueIsEscaped)
        {
            // RFC 8259 §8.2: an unpaired surrogate is not a character; kept, it would break
            // every name comparison later (normalization throws on it).
            var half = EscapedHalfCharacter(_json.ValueSpan);
            if (half >= 0)
            {
                var at = (int)_json.TokenStartIndex + 1 + half;
                throw ErrorAtByte(at, $"{Utf8.GetString(_utf8, at, 6)} is half of a character (an unpaired UTF-16 surrogate)");
            }
        }

        return _json.GetString()!;
    }

    /// <summary>The current number, which must be written as a whole number of up to nine digits.</summary>
    public readonly int WholeNumber()
    {
        var digits = _json.ValueSpan;
        if (digits.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
        {
            throw Error("expected a whole number but found a fraction or exponent");
        }

        var number = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9' || digits.Length > 9)
            {
                throw Error($"expected a whole number but found {Describe((int)_json.TokenStartIndex)}");
            }

            number = (number * 10) + (digit - '0');
        }

        return number;
    }

    /// <summary>An error at the start of the current token.</summary>
    public readonly InvalidDataException Error(string message) => ErrorAtByte((int)_json.TokenStartIndex, message);

    /// <summary>An error saying what was expected instead of the current token.</summary>
    public readonly InvalidDataException Unexpected(string expected) => Error($"expected {expected} but found {Describe((int)_json.TokenStartIndex)}");

    /// <summary>Where the first unpaired surrogate of <paramref name="text"/> is, or -1.</summary>
    public static int UnpairedSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Where, in a string's raw bytes, the first <c>\uXXXX</c> that is half of a surrogate pair without its other half begins, or -1.</summary>
    private static int EscapedHalfCharacter(ReadOnlySpan<byte> raw)
    {
        // The text itself holds no lone surrogate (checked before it was encoded), so only escapes can.
        var pendingHigh = -1;
        for (var i = 0; i < raw.Length; i++)
        {
            var unit = raw[i] == '\\' && raw[i + 1] == 'u' ? HexValue(raw.Slice(i + 2, 4)) : -1;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (pendingHigh >= 0 && !isLow)
            {
                return pendingHigh;
            }

            if (pendingHigh < 0 && isLow)
            {
                return i;
            }

            pendingHigh = pendingHigh < 0 && unit is >= 0xD800 and <= 0xDBFF ? i : -1;
            if (raw[i] == '\\')
            {
                i += raw[i + 1] == 'u' ? 5 : 1;
            }
        }

        return pendingHigh;
    }

    private static int HexValue(ReadOnlySpan<byte> hex) =>
        int.Parse(Encoding.ASCII.GetString(hex.ToArray()), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>
    /// Names what <see cref="Utf8JsonReader"/> refused at byte <paramref name="at"/>: its own messages
    /// are for programmers, these are for whoever edits the file.
    /// </summary>
    private readonly InvalidDataException Refusal(int at, int previousEnd, string expected)
    {
        // Between the last token and the refusal lie separators and at most one field name, which
        // the reader returns only with its colon: an open quote means the refusal is inside a string.
        var (open, closed) = (false, false);
        for (var i = previousEnd; i < at; i++)
        {
            if (open && _utf8[i] == '\\')
            {
                i++;
            }
            else if (_utf8[i] == '"')
            {
                (open, closed) = (!open, open);
            }
        }

        if (open)
        {
            return InsideString(at);
        }

        if (closed)
        {
            return ErrorAtByte(at, $"expected ':' but found {Describe(at)}");
        }

        if (at >= _utf8.Length)
        {
            return ErrorAtByte(at, $"expected {expected} but found the end of the file");
        }

        var before = previousEnd;
        for (var i = at - 1; i >= previousEnd; i--)
        {
            if (_utf8[i] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                before = i;
                break;
            }
        }

        // The reader stops after a literal or number it cannot take, or at its first wrong byte.
        var word = at;
        while (word > previousEnd && IsWordByte(_utf8[word - 1]))
        {
            word--;
        }

        if (word < at)
        {
            var end = at;
            while (end < _utf8.Length && IsWordByte(_utf8[end]))
            {
                end++;
            }

            var found = $"'{Encoding.UTF8.GetString(_utf8, word, end - word)}'";
            return _utf8[word] switch
            {
                (byte)'n' => ErrorAtByte(word, $"expected null but found {found}"),
                (byte)'t' => ErrorAtByte(word, $"expected true but found {found}"),
                (byte)'f' => ErrorAtByte(word, $"expected false but found {found}"),
                _ => ErrorAtByte(word, $"expected {expected} but found a malformed number {found}"),
            };
        }

        if (before < at && _utf8[before] is not ((byte)',' or (byte)':' or (byte)'[' or (byte)'{'))
        {
            return ErrorAtByte(at, $"expected ',' or a closing bracket but found {Describe(at)}");
        }

        return ErrorAtByte(at, $"expected {expected} but found {Describe(at)}");
    }

    private static bool IsWordByte(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'E';

    private readonly InvalidDataException InsideString(int at)
    {
        if (at >= _utf8.Length)
        {
            return ErrorAtByte(at, "the file ends inside a string");
        }

        if (_utf8[at] < ' ')
        {
            return ErrorAtByte(at, "a control character inside a string must be escaped");
        }

        // The reader stops at the letter after a backslash, or at the first of four digits that is not hexadecimal.
        var escape = Math.Max(0, _utf8.AsSpan(0, at).LastIndexOf((byte)'\\'));
        return escape == at - 1
            ? ErrorAtByte(escape, $"'\\{Describe(at).Trim('\'')}' is not a JSON escape")
            : ErrorAtByte(escape, "\\u must be followed by four hexadecimal digits");
    }

    /// <summary>The byte offset of what <see cref="Utf8JsonReader"/> refused, from the line and byte in line it reports.</summary>
    private readonly int ByteOffset(JsonException refusal)
    {
        var line = refusal.LineNumber ?? 0;
        var offset = 0;
        while (line > 0 && offset < _utf8.Length)
        {
            if (_utf8[offset++] == '\n')
            {
                line--;
            }
        }

        return (int)Math.Min(_utf8.Length, offset + (refusal.BytePositionInLine ?? 0));
    }

    private readonly string Describe(int at)
    {
        if (at >= _utf8.Length)
        {
            return "the end of the file";
        }

        var index = CharIndex(at);
        var c = _text[index];
        if (c < ' ')
        {
            return $"character U+{(int)c:X4}";
        }

        return char.IsHighSurrogate(c) ? $"'{_text.Substring(index, 2)}'" : $"'{c}'";
    }

    private readonly int CharIndex(int byteOffset) => _skipped + Encoding.UTF8.GetCharCount(_utf8, 0, Math.Min(byteOffset, _utf8.Length));

    private readonly InvalidDataException ErrorAtByte(int byteOffset, string message) => ErrorAtChar(CharIndex(byteOffset), message);

    /// <summary>An error at a place in the text, numbered as editors show it (from 1).</summary>
    private readonly InvalidDataException ErrorAtChar(int position, string message)
    {
        var line = _firstLine;
        var lineStart = 0;
        for (var i = 0; i < position && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new InvalidDataException($"line {line}, position {position - lineStart + 1}: {message}");
    }
}
