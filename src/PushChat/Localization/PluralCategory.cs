namespace PushChat.Localization;

/// <summary>
/// The CLDR plural categories a language sorts counts into: English has <see cref="One"/> and
/// <see cref="Other"/>, Chinese only <see cref="Other"/>, Russian <see cref="One"/>,
/// <see cref="Few"/> and <see cref="Many"/>. A text picks its words by category:
/// <c>{count, plural, one {# line} other {# lines}}</c>.
/// </summary>
public enum PluralCategory
{
    /// <summary>The category for counts a language treats as zero (Arabic, Welsh).</summary>
    Zero = 0,

    /// <summary>The singular (1 in English).</summary>
    One = 1,

    /// <summary>The dual (2 in Arabic, Slovenian).</summary>
    Two = 2,

    /// <summary>Small counts in languages that tell them apart (2–4 in Russian, Polish, Czech).</summary>
    Few = 3,

    /// <summary>Large counts in languages that tell them apart (5–20 in Russian and Polish).</summary>
    Many = 4,

    /// <summary>Everything else; every language has it, and it is the only category of Chinese.</summary>
    Other = 5,
}
