using System;

namespace PushChat.Localization;

/// <summary>
/// The CLDR plural rules for whole counts of the languages a host is likely to add, found by a
/// language tag's primary subtag; a language not listed counts "one" for 1 and "other" for the
/// rest, and a host can pass its own rule to <see cref="ChatLanguage"/>.
/// </summary>
internal static class PluralRules
{
    public static Func<long, PluralCategory> For(string tag)
    {
        var primary = tag.Split('-', '_')[0].ToLowerInvariant();
        return primary switch
        {
            "zh" or "ja" or "ko" or "vi" or "th" or "id" or "ms" or "lo" or "my" => _ => PluralCategory.Other,
            "fr" or "hy" or "kab" => n => n is 0 or 1 ? PluralCategory.One : PluralCategory.Other,
            "ru" or "uk" or "be" => EastSlavic,
            "pl" => Polish,
            "cs" or "sk" => n => n == 1 ? PluralCategory.One : n is >= 2 and <= 4 ? PluralCategory.Few : PluralCategory.Other,
            "ar" => Arabic,
            _ => n => n == 1 ? PluralCategory.One : PluralCategory.Other,
        };
    }

    private static PluralCategory EastSlavic(long n)
    {
        var (tens, hundreds) = (Math.Abs(n) % 10, Math.Abs(n) % 100);
        return tens == 1 && hundreds != 11 ? PluralCategory.One
            : tens is >= 2 and <= 4 && hundreds is < 12 or > 14 ? PluralCategory.Few
            : PluralCategory.Many;
    }

    private static PluralCategory Polish(long n)
    {
        var (tens, hundreds) = (Math.Abs(n) % 10, Math.Abs(n) % 100);
        return n == 1 ? PluralCategory.One
            : tens is >= 2 and <= 4 && hundreds is < 12 or > 14 ? PluralCategory.Few
            : PluralCategory.Many;
    }

    private static PluralCategory Arabic(long n)
    {
        var hundreds = Math.Abs(n) % 100;
        return n switch
        {
            0 => PluralCategory.Zero,
            1 => PluralCategory.One,
            2 => PluralCategory.Two,
            _ when hundreds is >= 3 and <= 10 => PluralCategory.Few,
            _ when hundreds is >= 11 and <= 99 => PluralCategory.Many,
            _ => PluralCategory.Other,
        };
    }
}
