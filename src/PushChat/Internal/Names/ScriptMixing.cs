using System.Collections.Generic;

namespace PushChat.Internal.Names;

/// <summary>
/// The "Highly Restrictive" level of UTS #39 section 5.2: a name is written in one script, or in
/// one of the combinations that CJK writing uses every day (Latin + Han + Hiragana + Katakana,
/// Latin + Han + Bopomofo, Latin + Han + Hangul). Common and Inherited characters (digits, the
/// separators, combining marks shared by scripts) go with any script.
/// </summary>
internal static class ScriptMixing
{
    private static readonly HashSet<string>[] Combinations =
    [
        new() { "Latin", "Han", "Hiragana", "Katakana" },
        new() { "Latin", "Han", "Bopomofo" },
        new() { "Latin", "Han", "Hangul" },
    ];

    public static bool IsAllowed(HashSet<string> scripts)
    {
        if (scripts.Count <= 1)
        {
            return true;
        }

        foreach (var combination in Combinations)
        {
            if (combination.IsSupersetOf(scripts))
            {
                return true;
            }
        }

        return false;
    }
}
