using System;
using System.Collections.Generic;
using System.Text;

namespace PushChat.Internal.Names;

/// <summary>
/// The confusable skeleton of UTS #39 section 4 ("Confusable Detection"), from Data/confusables.txt:
/// every mapping of confusables.txt, Unicode 16.0.0 (6,355 mappings). Two strings with the same
/// skeleton look alike in most fonts.
/// </summary>
internal static class Confusables
{
    private static readonly Lazy<Dictionary<int, string>> Prototypes = new(Load);

    /// <summary>
    /// skeleton(X): NFD; drop default-ignorable code points; replace each code point by its
    /// prototype; NFD again.
    /// </summary>
    public static string Skeleton(string text)
    {
        var prototypes = Prototypes.Value;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var skeleton = new StringBuilder(decomposed.Length + 8);
        for (var i = 0; i < decomposed.Length;)
        {
            var codePoint = CodePoints.At(decomposed, i, out var length);
            if (DefaultIgnorables.Contains(codePoint))
            {
                // Dropped: nothing shows.
            }
            else if (prototypes.TryGetValue(codePoint, out var prototype))
            {
                skeleton.Append(prototype);
            }
            else
            {
                skeleton.Append(decomposed, i, length);
            }

            i += length;
        }

        return skeleton.ToString().Normalize(NormalizationForm.FormD);
    }

    private static Dictionary<int, string> Load()
    {
        var prototypes = new Dictionary<int, string>(6400);
        var text = new StringBuilder();
        foreach (var record in UnicodeData.Records("confusables.txt"))
        {
            text.Clear();
            foreach (var part in record[1].Split(' '))
            {
                text.Append(char.ConvertFromUtf32(UnicodeData.Hex(part)));
            }

            prototypes[UnicodeData.Hex(record[0])] = text.ToString();
        }

        return prototypes;
    }
}
