using System;
using System.Globalization;

namespace PushChat.Internal.Push;

/// <summary>
/// Positions and cursors as clients send them back: a position is <c>epoch:seq</c>, a cursor is
/// <c>room position,mailbox position</c>, decimal numbers below 2^53 (exact in JavaScript), ASCII
/// digits only, no sign, space or leading zero, so that each position has one spelling. Parsing is
/// strict: anything else is not a position, never a guess.
/// </summary>
internal static class PositionText
{
    private const long Limit = 1L << 53;

    // Two positions of at most 16 digits each, their colons and the comma.
    private const int MaxCursorLength = 4 * 16 + 3;

    public static string Format(LogPosition position) =>
        position.Epoch.ToString(CultureInfo.InvariantCulture) + ":" + position.Sequence.ToString(CultureInfo.InvariantCulture);

    public static string Format(StreamCursor cursor) => Format(cursor.Room) + "," + Format(cursor.Mailbox);

    public static bool TryParse(string? text, out LogPosition position)
    {
        position = LogPosition.None;
        if (text is null)
        {
            return false;
        }

        var colon = text.IndexOf(':');
        if (colon < 0 || !TryNumber(text.AsSpan(0, colon), out var epoch) || !TryNumber(text.AsSpan(colon + 1), out var sequence))
        {
            return false;
        }

        position = new LogPosition(epoch, sequence);
        return true;
    }

    public static bool TryParse(string? text, out StreamCursor cursor)
    {
        cursor = default;
        if (text is null || text.Length > MaxCursorLength)
        {
            return false;
        }

        var comma = text.IndexOf(',');
        if (comma < 0 || !TryParse(text.Substring(0, comma), out LogPosition room) || !TryParse(text.Substring(comma + 1), out LogPosition mailbox))
        {
            return false;
        }

        cursor = new StreamCursor(room, mailbox);
        return true;
    }

    /// <summary>A cursor a client may leave out: absent or empty is a fresh start (null); present, it must parse.</summary>
    public static bool TryParseOptional(string? text, out StreamCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!TryParse(text, out StreamCursor parsed))
        {
            return false;
        }

        cursor = parsed;
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 16 || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value < Limit;
    }
}
