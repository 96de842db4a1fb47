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
    private int _position;

    public UserFileReader(string text)
    {
        _text = text;

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
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("the file ends inside a string");
            }

            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return value.ToString();
            }

            if (c < ' ')
            {
                throw Error("a control character inside a string must be escaped");
            }

            if (c != '\\')
            {
                value.Append(c);
                _position++;
                continue;
            }

            if (_position + 1 >= _text.Length)
            {
                throw Error("the file ends inside a string");
            }

            var escape = _text[_position + 1];
            _position += 2;
            switch (escape)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    if (!TryReadHex4(out var code))
                    {
                        _position -= 2;
                        throw Error("\\u must be followed by four hexadecimal digits");
                    }

                    value.Append((char)code);
                    _position += 4;
                    break;
                default:
                    _position -= 2;
                    throw Error($"'\\{escape}' is not a JSON escape");
            }
        }
    }

    /// <summary>An error at the current position, numbered as editors show it (from 1).</summary>
    public InvalidDataException Error(string message)
    {
        var line = 1;
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
