namespace PushChat.Internal.Names;

/// <summary>
/// Code points with the Unicode property Default_Ignorable_Code_Point (DerivedCoreProperties.txt,
/// Unicode 16.0.0): a renderer shows nothing for them, so a name holding one looks like the name
/// without it. Among them are the variation selectors, U+034F COMBINING GRAPHEME JOINER, the
/// Mongolian free variation selectors, the Khmer inherent vowels U+17B4/U+17B5 and the Hangul
/// fillers U+115F, U+1160, U+3164 and U+FFA0, which are letters by category and so pass a letter test.
/// </summary>
internal static class DefaultIgnorables
{
    // Pairs of first and last code point, sorted; copied from DerivedCoreProperties-16.0.0.txt
    // with adjacent ranges joined. 27 ranges, stable for many versions: a table beats a resource.
    private static readonly int[] Ranges =
    [
        0x00AD, 0x00AD, 0x034F, 0x034F, 0x061C, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5,
        0x180B, 0x180F, 0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x206F, 0x3164, 0x3164,
        0xFE00, 0xFE0F, 0xFEFF, 0xFEFF, 0xFFA0, 0xFFA0, 0xFFF0, 0xFFF8, 0x1BCA0, 0x1BCA3,
        0x1D173, 0x1D17A, 0xE0000, 0xE0FFF,
    ];

    public static bool Contains(int codePoint)
    {
        for (var i = 0; i < Ranges.Length && codePoint >= Ranges[i]; i += 2)
        {
            if (codePoint <= Ranges[i + 1])
            {
                return true;
            }
        }

        return false;
    }
}
