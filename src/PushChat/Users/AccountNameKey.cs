using System;
using System.Text;

namespace PushChat.Users;

/// <summary>
/// The one place that decides when two spellings are the same account name, so that every store
/// that keeps accounts by key agrees with the others.
/// </summary>
/// <remarks>
/// Compatibility normalization (NFKC, UAX #15) folds full-width and other presentation forms
/// into their plain letters, so "ｄｏｒａ" cannot register beside "dora"; the comparer then ignores
/// case. Look-alike letters from other scripts (UTS #39 confusables) are not folded here: a
/// skeleton of the name replaces <see cref="For"/> once the name rules provide one.
/// </remarks>
internal static class AccountNameKey
{
    /// <summary>Compares keys made by <see cref="For"/>.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public static string For(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return name.Normalize(NormalizationForm.FormKC);
    }
}
