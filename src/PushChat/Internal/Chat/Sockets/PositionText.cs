using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.Sockets;

/// <summary>
/// Reads a position as the protocol writes it, <c>epoch:seq</c>: two decimal numbers below 2^53
/// (the integers every JSON reader keeps exactly), ASCII digits only, no sign, space or leading
/// zero, so that each position has one spelling.
/// </summary>
internal static class PositionText
{
    /// <summary>2^53: the first integer a double, and so JavaScript, cannot tell from its neighbour.</summary>
    private const long Limit = 1L << 53;

    // 2^53 - 1 has 16 digits; more cannot be below the limit, and fewer cannot overflow a long.
    private const int MaxDigits = 16;

    public static bool TryParse(string? text, out LogPosition position)
    {
        position = LogPosition.None;
        var colon = text?.IndexOf(':') ?? -1;
        if (colon < 0 || !TryNumber(text!, 0, colon, out var epoch) || !TryNumber(text!, colon + 1, text!.Length, out var sequence))
        {
            return false;
        }

        position = new LogPosition(epoch, sequence);
        return true;
    }

    private static bool TryNumber(string text, int start, int end, out long value)
    {
        value = 0;
        var length = end - start;
        if (length is 0 or > MaxDigits || (length > 1 && text[start] == '0'))
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return value < Limit;
    }
}
