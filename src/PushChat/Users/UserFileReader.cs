using System;
using System.IO;
using System.Text;

namespace PushChat.Users;

/// <summary>
/// A strict reader of the JSON (RFC 8259) in an account file: it reads only what the format
/// needs (objects, arrays, strings, whole numbers, null) and reports anything else with its line
/// and position, so a hand-edited file that went wrong is refused rather than half read.
/// </summary>
internal sealed class UserFileReader
{
    private readonly string _text;
    private readonly int _firstLine;
    private int _position;

    /// <param name="text">The text to read.</param>
    /// <param name="firstLine">The number of the text's first line in its file, for error messages (a journal is read a line at a time).</param>
    public UserFileReader(string text, int firstLine = 1)
    {
        _text = text;
        _firstLine = firstLine;

        // A byte order mark is not JSON (RFC 8259 §8.1) but Windows editors add one; skip it.
        _position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
    }

    public char Peek()
    {
        SkipWhitespace();
        return _position < _text.Length ? _text[_position] : '\0';
    }

    public void Expect(char expected)
    {
        if (Peek() != expected)
        {
            throw Error($"expected '{expected}' but found {Describe()}");
        }

        _position++;
    }

    public bool TryTake(char expected)
    {
        if (Peek() != expected)
        {
            return false;
        }

        _position++;
        return true;
    }

    public void ExpectEnd()
    {
        if (Peek() != '\0' || _position < _text.Length)
        {
            throw Error($"expected the end of the file but found {Describe()}");
        }
    }

    public bool TryTakeNull()
    {
        if (Peek() != 'n')
        {
            return false;
        }

        if (string.CompareOrdinal(_text, _position, "null", 0, 4) != 0)
        {
            throw Error($"expected null but found {Describe()}");
        }

        _position += 4;
        return true;
    }

    public int ReadWholeNumber()
    {
        Peek();
        var start = _position;
        while (_position < _text.Length && _text[_position] is >= '0' and <= '9')
        {
            _position++;
        }

        var length = _position - start;
        if (length == 0 || (length > 1 && _text[start] == '0') || length > 9)
        {
            _position = start;
            throw Error($"expected a whole number but found {Describe()}");
        }

        if (_position < _text.Length && _text[_position] is '.' or 'e' or 'E')
        {
            throw Error("expected a whole number but found a fraction or exponent");
        }

        var number = 0;
        for (var i = start; i < _position; i++)
        {
            number = (number * 10) + (_text[i] - '0');
        }

        return number;
    }

    public string ReadString()
    {
        Expect('"');
        var value = new StringBuilder();

        // Where the high half of a surrogate pair began, until its low half follows.
        var highStart = -1;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("the file ends inside a string");
            }

            var start = _position;
            if (_text[start] == '"')
            {
                if (highStart >= 0)
                {
                    throw HalfCharacter(highStart);
                }

                _position++;
                return value.ToString();
            }

            var c = ReadStringCharacter();

            // RFC 8259 §8.2: an unpaired surrogate is not a character; kept, it would break
            // every name comparison later (normalization throws on it).
            if (highStart >= 0)
            {
                if (!char.IsLowSurrogate(c))
                {
                    throw HalfCharacter(highStart);
                }

                highStart = -1;
            }
            else if (char.IsHighSurrogate(c))
            {
                highStart = start;
            }
            else if (char.IsLowSurrogate(c))
            {
                throw HalfCharacter(start);
            }

            value.Append(c);
        }
    }

    /// <summary>An error at the current position, numbered as editors show it (from 1).</summary>
    public InvalidDataException Error(string message)
    {
        var line = _firstLine;
        var lineStart = 0;
        for (var i = 0; i < _position && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new InvalidDataException($"line {line}, position {_position - lineStart + 1}: {message}");
    }

    /// <summary>Reads one UTF-16 unit of a string, literal or escaped, leaving the position after it.</summary>
    private char ReadStringCharacter()
    {
        var c = _text[_position];
        if (c < ' ')
        {
            throw Error("a control character inside a string must be escaped");
        }

        if (c != '\\')
        {
            _position++;
            return c;
        }

        if (_position + 1 >= _text.Length)
        {
            throw Error("the file ends inside a string");
        }

        var escape = _text[_position + 1];
        switch (escape)
        {
            case '"': _position += 2; return '"';
            case '\\': _position += 2; return '\\';
            case '/': _position += 2; return '/';
            case 'b': _position += 2; return '\b';
            case 'f': _position += 2; return '\f';
            case 'n': _position += 2; return '\n';
            case 'r': _position += 2; return '\r';
            case 't': _position += 2; return '\t';
            case 'u':
                _position += 2;
                if (!TryReadHex4(out var code))
                {
                    _position -= 2;
                    throw Error("\\u must be followed by four hexadecimal digits");
                }

                _position += 4;
                return (char)code;
            default:
                throw Error($"'\\{escape}' is not a JSON escape");
        }
    }

    private InvalidDataException HalfCharacter(int start)
    {
        _position = start;
        var half = _text[start] == '\\' ? _text.Substring(start, 6) : $"character U+{(int)_text[start]:X4}";
        return Error($"{half} is half of a character (an unpaired UTF-16 surrogate)");
    }

    private bool TryReadHex4(out int code)
    {
        code = 0;
        if (_position + 4 > _text.Length)
        {
            return false;
        }

        for (var i = _position; i < _position + 4; i++)
        {
            var digit = _text[i] switch
            {
                >= '0' and <= '9' => _text[i] - '0',
                >= 'a' and <= 'f' => _text[i] - 'a' + 10,
                >= 'A' and <= 'F' => _text[i] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            code = (code * 16) + digit;
        }

        return true;
    }

    private void SkipWhitespace()
    {
        // RFC 8259 §2: only these four are whitespace between tokens.
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private string Describe()
    {
        if (_position >= _text.Length)
        {
            return "the end of the file";
        }

        var c = _text[_position];
        return c < ' ' ? $"character U+{(int)c:X4}" : $"'{c}'";
    }
}
