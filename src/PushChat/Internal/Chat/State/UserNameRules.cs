using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PushChat.Internal.Names;
using PushChat.Localization;
using PushChat.Localization.Keys;

namespace PushChat.Internal.Chat.State;

/// <summary>
/// What a user name may be, so that no name can pass for another in the names list: letters,
/// digits, and single spaces, '_', '-' or '.' between them; no control, format, private-use or
/// default-ignorable characters (variation selectors, Hangul fillers and the like show nothing);
/// at most two nonspacing marks on a letter, never the same one twice (UTS #39 section 5.4); one
/// script, or a usual CJK combination (UTS #39 section 5.2, "Highly Restrictive"). Names are
/// compared in Unicode normal form KC, so full-width and other compatibility forms are the plain
/// name. Look-alikes of another name are found by <see cref="Users.UserNames.Skeleton"/>.
/// </summary>
internal static class UserNameRules
{
    /// <summary>Nonspacing marks one letter may carry; more is stacking ("Zalgo" text).</summary>
    public const int MaxMarksPerLetter = 2;

    public static string Normalize(string name) => name.Trim().Normalize(NormalizationForm.FormKC);

    /// <summary>Returns why the name is refused, or <see langword="null"/> when it is fine.</summary>
    public static LocalText? Check(string name, int maxLength)
    {
        if (name.Length == 0)
        {
            return LocalText.Of(StateTexts.NameEmpty);
        }

        if (name.Length > maxLength)
        {
            return LocalText.Of(StateTexts.NameTooLong, ("max", maxLength));
        }

        var scripts = new HashSet<string>(StringComparer.Ordinal);
        var previousWasSeparator = true;
        var marks = 0;
        var lastMark = -1;
        for (var i = 0; i < name.Length;)
        {
            var codePoint = CodePoints.At(name, i, out var length);
            var category = CharUnicodeInfo.GetUnicodeCategory(name, i);
            i += length;
            if (DefaultIgnorables.Contains(codePoint)
                || category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate)
            {
                return LocalText.Of(StateTexts.NameInvisible);
            }

            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                if (previousWasSeparator)
                {
                    return LocalText.Of(StateTexts.NameMarkFirst);
                }

                if (category is not UnicodeCategory.SpacingCombiningMark && (++marks > MaxMarksPerLetter || codePoint == lastMark))
                {
                    return LocalText.Of(StateTexts.NameMarks, ("max", MaxMarksPerLetter));
                }

                lastMark = codePoint;
            }
            else if (IsLetterOrDigit(category))
            {
                previousWasSeparator = false;
                marks = 0;
                lastMark = -1;
            }
            else if (codePoint is ' ' or '_' or '-' or '.')
            {
                if (previousWasSeparator)
                {
                    return LocalText.Of(StateTexts.NameSeparators);
                }

                previousWasSeparator = true;
                continue;
            }
            else
            {
                return LocalText.Of(StateTexts.NameCharacters);
            }

            var script = UnicodeScripts.Of(codePoint);
            if (script is not (UnicodeScripts.Common or UnicodeScripts.Inherited))
            {
                scripts.Add(script);
            }
        }

        if (previousWasSeparator)
        {
            return LocalText.Of(StateTexts.NameEnd);
        }

        return ScriptMixing.IsAllowed(scripts)
            ? null
            : LocalText.Of(StateTexts.NameScripts, ("scripts", ScriptList(scripts.ToList())));
    }

    /// <summary>The scripts whose names the string tables word (<c>script.latin</c>, …); others are named as Unicode names them.</summary>
    internal static readonly IReadOnlyCollection<string> WordedScripts = new HashSet<string>(StringComparer.Ordinal)
    {
        "Latin", "Cyrillic", "Greek", "Han", "Hiragana", "Katakana", "Hangul", "Arabic",
        "Hebrew", "Thai", "Devanagari", "Armenian", "Georgian", "Bengali", "Tamil", "Ethiopic",
    };

    internal static string ScriptKey(string script) => "script." + script.ToLowerInvariant();

    /// <summary>"Latin and Cyrillic", "Latin, Greek and Cyrillic": joined as each language joins a list, each script in the reader's words.</summary>
    private static LocalText ScriptList(List<string> scripts)
    {
        if (scripts.Count == 1)
        {
            return ScriptName(scripts[0]);
        }

        var list = ScriptName(scripts[0]);
        for (var i = 1; i < scripts.Count - 1; i++)
        {
            list = LocalText.Of(NoticeTexts.ListNext, ("names", list), ("name", ScriptName(scripts[i])));
        }

        return LocalText.Of(NoticeTexts.ListLast, ("names", list), ("name", ScriptName(scripts[scripts.Count - 1])));
    }

    private static LocalText ScriptName(string script) =>
        WordedScripts.Contains(script) ? LocalText.Of(ScriptKey(script)) : LocalText.Plain(script);

    private static bool IsLetterOrDigit(UnicodeCategory category) =>
        category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber;
}
