using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PushChat.Localization;

/// <summary>
/// One text of a string table, parsed once: literal text, <c>{name}</c> arguments and
/// <c>{count, plural, one {…} other {…}}</c> choices (the ICU MessageFormat subset a chat needs),
/// so a language puts names and numbers where its grammar wants them. Inside a choice <c>#</c>
/// is the count; <c>=0 {…}</c> matches one exact count. An apostrophe quotes a brace or a
/// <c>#</c> (<c>'{'</c>) and two stand for one; any other apostrophe is just text.
/// </summary>
internal sealed class TextTemplate
{
    private readonly Piece[] _pieces;

    private TextTemplate(Piece[] pieces, IReadOnlyCollection<string> arguments)
    {
        _pieces = pieces;
        Arguments = arguments;
    }

    /// <summary>The names of the arguments the text uses, in order of first use.</summary>
    public IReadOnlyCollection<string> Arguments { get; }

    /// <exception cref="FormatException">The text is not a well-formed template.</exception>
    public static TextTemplate Parse(string text)
    {
        var parser = new Parser(text);
        var pieces = parser.Pieces(inChoice: false);
        if (parser.Position < text.Length)
        {
            throw new FormatException($"An unmatched '}}' at {parser.Position + 1} in \"{text}\".");
        }

        return new TextTemplate(pieces, parser.ArgumentNames);
    }

    public string Format(Func<long, PluralCategory> plural, IReadOnlyList<(string Name, object? Value)> arguments)
    {
        var text = new StringBuilder();
        Write(text, _pieces, plural, arguments, pound: null);
        return text.ToString();
    }

    private static void Write(StringBuilder text, Piece[] pieces, Func<long, PluralCategory> plural, IReadOnlyList<(string Name, object? Value)> arguments, long? pound)
    {
        foreach (var piece in pieces)
        {
            switch (piece)
            {
                case Literal literal:
                    text.Append(literal.Text);
                    break;
                case Pound:
                    text.Append(pound?.ToString(CultureInfo.InvariantCulture) ?? "#");
                    break;
                case Argument argument:
                    text.Append(Find(arguments, argument.Name, out var value) ? Display(value) : "{" + argument.Name + "}");
                    break;
                case Choice choice:
                    var count = Find(arguments, choice.Name, out var number) ? Count(number) : 0;
                    Write(text, choice.Pick(count, plural(count)), plural, arguments, count);
                    break;
            }
        }
    }

    private static bool Find(IReadOnlyList<(string Name, object? Value)> arguments, string name, out object? value)
    {
        foreach (var argument in arguments)
        {
            if (argument.Name == name)
            {
                value = argument.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    private static string Display(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static long Count(object? value) => value switch
    {
        int n => n,
        long n => n,
        short n => n,
        byte n => n,
        uint n => n,
        // A count that is not a number (a host's template choosing on a name) counts as none, rather than failing where the text is shown.
        _ => value is IConvertible convertible and not string && TryCount(convertible, out var n) ? n : 0,
    };

    private static bool TryCount(IConvertible value, out long count)
    {
        try
        {
            count = value.ToInt64(CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            count = 0;
            return false;
        }
    }

    private abstract class Piece
    {
    }

    private sealed class Literal(string text) : Piece
    {
        public string Text { get; } = text;
    }

    private sealed class Pound : Piece
    {
    }

    private sealed class Argument(string name) : Piece
    {
        public string Name { get; } = name;
    }

    private sealed class Choice(string name, Dictionary<string, Piece[]> cases) : Piece
    {
        public string Name { get; } = name;

        public Piece[] Pick(long count, PluralCategory category) =>
            cases.TryGetValue("=" + count.ToString(CultureInfo.InvariantCulture), out var exact) ? exact
            : cases.TryGetValue(category.ToString().ToLowerInvariant(), out var byCategory) ? byCategory
            : cases["other"];
    }

    private sealed class Parser(string text)
    {
        private readonly List<string> _names = new();

        public int Position { get; private set; }

        public IReadOnlyCollection<string> ArgumentNames => _names;

        public Piece[] Pieces(bool inChoice)
        {
            var pieces = new List<Piece>();
            var literal = new StringBuilder();
            while (Position < text.Length)
            {
                var c = text[Position];
                if (c == '}')
                {
                    break;
                }

                if (c == '{')
                {
                    Flush(pieces, literal);
                    pieces.Add(Placeholder());
                }
                else if (c == '#' && inChoice)
                {
                    Flush(pieces, literal);
                    pieces.Add(new Pound());
                    Position++;
                }
                else if (c == '\'')
                {
                    Quoted(literal);
                }
                else
                {
                    literal.Append(c);
                    Position++;
                }
            }

            Flush(pieces, literal);
            return pieces.ToArray();
        }

        private static void Flush(List<Piece> pieces, StringBuilder literal)
        {
            if (literal.Length > 0)
            {
                pieces.Add(new Literal(literal.ToString()));
                literal.Clear();
            }
        }

        private void Quoted(StringBuilder literal)
        {
            var next = Position + 1 < text.Length ? text[Position + 1] : '\0';
            if (next == '\'')
            {
                literal.Append('\'');
                Position += 2;
                return;
            }

            if (next is not ('{' or '}' or '#'))
            {
                literal.Append('\'');
                Position++;
                return;
            }

            var end = text.IndexOf('\'', Position + 1);
            if (end < 0)
            {
                throw new FormatException($"A quote opened at {Position + 1} is never closed in \"{text}\".");
            }

            literal.Append(text, Position + 1, end - Position - 1);
            Position = end + 1;
        }

        private Piece Placeholder()
        {
            Position++;
            var name = Word();
            Skip();
            if (Peek() == '}')
            {
                Position++;
                return new Argument(Named(name));
            }

            Expect(',');
            Skip();
            var kind = Word();
            if (kind != "plural")
            {
                throw new FormatException($"\"{kind}\" at {Position + 1} is not a choice this table knows (only plural) in \"{text}\".");
            }

            Skip();
            Expect(',');
            var cases = new Dictionary<string, Piece[]>(StringComparer.Ordinal);
            while (true)
            {
                Skip();
                if (Peek() == '}')
                {
                    Position++;
                    break;
                }

                var selector = Selector();
                Skip();
                Expect('{');
                cases[selector] = Pieces(inChoice: true);
                Expect('}');
            }

            if (!cases.ContainsKey("other"))
            {
                throw new FormatException($"The plural choice of {{{name}}} has no \"other\" case in \"{text}\".");
            }

            return new Choice(Named(name), cases);
        }

        private string Named(string name)
        {
            if (!_names.Contains(name))
            {
                _names.Add(name);
            }

            return name;
        }

        /// <summary>A plural category's name, or "=" and an exact count.</summary>
        private string Selector()
        {
            if (Peek() != '=')
            {
                return Word();
            }

            Position++;
            return "=" + Word();
        }

        private string Word()
        {
            var start = Position;
            while (Position < text.Length && (char.IsLetterOrDigit(text[Position]) || text[Position] is '_' or '-'))
            {
                Position++;
            }

            return start == Position
                ? throw new FormatException($"A name is expected at {Position + 1} in \"{text}\".")
                : text.Substring(start, Position - start);
        }

        private void Skip()
        {
            while (Position < text.Length && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }

        private char Peek() => Position < text.Length ? text[Position] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new FormatException($"'{c}' is expected at {Position + 1} in \"{text}\".");
            }

            Position++;
        }
    }
}
