using System.Globalization;
using System.Text;

namespace PushChat.Rendering;

/// <summary>Escaping for the style sheets the chat writes from data: room names, language tags, table texts.</summary>
internal static class Css
{
    /// <summary>
    /// Text for a double-quoted CSS string or an identifier: everything but ASCII letters, digits, '-' and '_' as a
    /// six-digit escape, which needs no space after it (CSS Syntax Level 3, §4.3.7); other
    /// characters beyond ASCII go as they are, since the style sheet is UTF-8.
    /// </summary>
    public static string Escape(string text)
    {
        var css = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' || c >= 0x80)
            {
                css.Append(c);
            }
            else
            {
                css.Append('\\').Append(((int)c).ToString("X6", CultureInfo.InvariantCulture));
            }
        }

        return css.ToString();
    }
}
