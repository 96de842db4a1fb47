using System.Globalization;
using System.Text;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Text a user chose (a name, a room, a reason, a topic) on its way into a log message. A line
/// break in it would start what looks like a log line of its own, and escape sequences could
/// rewrite a terminal; so control characters, and the Unicode line and paragraph separators, are
/// written as <c>\uXXXX</c> when the message is formatted, as are bidi overrides, which reorder what a viewer shows. Text without them passes unchanged.
/// </summary>
internal readonly struct LogText
{
    private readonly string? _text;

    private LogText(string? text) => _text = text;

    public static implicit operator LogText(string? text) => new(text);

    /// <summary>The text with control characters escaped; "(null)" as the logging formatter writes a missing value.</summary>
    public override string ToString() => _text is null ? "(null)" : Escape(_text);

    /// <summary>The text with every control character written as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        var first = 0;
        while (first < text.Length && !MustEscape(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (MustEscape(c))
            {
                escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    // C0 and C1 controls and DEL (char.IsControl), except the tab, which ends no line; U+2028 and
    // U+2029, which some viewers break lines at; and the bidi embeddings, overrides and isolates,
    // which make a viewer show a line's parts in another order.
    private static bool MustEscape(char c) =>
        (char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
