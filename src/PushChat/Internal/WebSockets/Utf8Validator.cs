namespace PushChat.Internal.WebSockets;

/// <summary>
/// Checks UTF-8 as it arrives in pieces (a text message's fragments), so that a character split
/// across fragments is accepted and invalid bytes are refused as soon as they are seen, not only
/// at the end (RFC 6455, section 8.1). Follows RFC 3629: no overlong forms, no surrogates, nothing
/// above U+10FFFF.
/// </summary>
internal struct Utf8Validator
{
    private int _needed;
    private int _lower;
    private int _upper;

    /// <summary>Whether nothing is left half-way: a message may end here.</summary>
    public readonly bool IsComplete => _needed == 0;

    /// <summary>Checks the next piece; false at the first byte that cannot be UTF-8.</summary>
    public bool Append(System.ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (_needed == 0)
            {
                if (b < 0x80)
                {
                    continue;
                }

                (_needed, _lower, _upper) = b switch
                {
                    >= 0xC2 and <= 0xDF => (1, 0x80, 0xBF),
                    0xE0 => (2, 0xA0, 0xBF),
                    (>= 0xE1 and <= 0xEC) or 0xEE or 0xEF => (2, 0x80, 0xBF),
                    0xED => (2, 0x80, 0x9F),
                    0xF0 => (3, 0x90, 0xBF),
                    >= 0xF1 and <= 0xF3 => (3, 0x80, 0xBF),
                    0xF4 => (3, 0x80, 0x8F),
                    _ => (-1, 0, 0),
                };
                if (_needed < 0)
                {
                    return false;
                }

                continue;
            }

            if (b < _lower || b > _upper)
            {
                return false;
            }

            // Only the first continuation byte has a narrowed range.
            (_lower, _upper) = (0x80, 0xBF);
            _needed--;
        }

        return true;
    }
}
