using System.Text;

namespace PushChat.Rendering;

/// <summary>
/// HTML escaping for renderer authors, the same one <see cref="DefaultPageRenderer"/> uses
/// (HTML Living Standard §13.1.2.3; OWASP XSS prevention rules #1 and #2).
/// </summary>
public static class Html
{
    /// <summary>
    /// Escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, <c>"</c> and <c>'</c>, so the result is safe
    /// as element text and inside a double- or single-quoted attribute value. Not enough on its own
    /// for an unquoted attribute, a URL (escape its parts with
    /// <see cref="System.Uri.EscapeDataString(string)"/> first), or anything inside a script or style.
    /// </summary>
    /// <param name="text">Text from a user or any other untrusted source; may be <see langword="null"/>.</param>
    /// <returns>The escaped text; empty for <see langword="null"/>.</returns>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var plain = true;
        foreach (var c in text!)
        {
            if (c is '<' or '>' or '&' or '"' or '\'')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }
}
