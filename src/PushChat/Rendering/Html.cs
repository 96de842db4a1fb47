using System.Text;

namespace PushChat.Rendering;

/// <summary>HTML escaping for text and attribute values (HTML Living Standard §13.1.2.3, OWASP rule #1/#2).</summary>
internal static class Html
{
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
