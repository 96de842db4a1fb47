using System.Globalization;
using System.Text;

namespace PushChat.Internal.Chat;

/// <summary>
/// What a user name may be: letters, digits, and single spaces, '_', '-' or '.' between them;
/// no control, format (bidi overrides, zero-width) or private-use characters. Names are compared
/// in Unicode normal form C so that visually identical spellings are one name.
/// </summary>
internal static class UserNameRules
{
    public static string Normalize(string name) => name.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>Returns why the name is refused, or <see langword="null"/> when it is fine.</summary>
    public static string? Check(string name, int maxLength)
    {
        if (name.Length == 0)
        {
            return "Please enter a name.";
        }

        if (name.Length > maxLength)
        {
            return $"A name can be at most {maxLength} characters long.";
        }

        var previousWasSeparator = true;
        foreach (var c in name)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var isWordChar = char.IsLetterOrDigit(c)
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return "A name cannot contain invisible or control characters.";
            }

            if (isWordChar)
            {
                previousWasSeparator = false;
            }
            else if (c is ' ' or '_' or '-' or '.')
            {
                if (previousWasSeparator)
                {
                    return "A name must start with a letter or digit and cannot have two separators in a row.";
                }

                previousWasSeparator = true;
            }
            else
            {
                return "A name may contain only letters, digits, spaces, '_', '-' and '.'.";
            }
        }

        return previousWasSeparator ? "A name must end with a letter or digit." : null;
    }
}
