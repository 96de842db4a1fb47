using System.Globalization;

namespace PushChat.Internal.Push;

/// <summary>
/// Where an item stands in its log: the log's <see cref="Epoch"/> and the item's
/// <see cref="Sequence"/> in it (1 for the first item). A log gets a new epoch whenever it is
/// created (a room re-created, a session started, the server restarted), so a position from an
/// earlier life of a log is recognised as stale instead of being read as a place in this one.
/// Written <c>epoch:seq</c>, the form a resuming client sends back.
/// </summary>
internal readonly record struct LogPosition(long Epoch, long Sequence)
{
    /// <summary>No position: before everything, in no epoch.</summary>
    public static LogPosition None => default;

    public override string ToString() =>
        Epoch.ToString(CultureInfo.InvariantCulture) + ":" + Sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <c>epoch:seq</c> as <see cref="ToString"/> writes it; false for anything else.</summary>
    public static bool TryParse(string? text, out LogPosition position)
    {
        position = None;
        var colon = text?.IndexOf(':') ?? -1;
        if (text is null || colon <= 0
            || !TryParseDigits(text, 0, colon, out var epoch) || epoch == 0
            || !TryParseDigits(text, colon + 1, text.Length, out var sequence))
        {
            return false;
        }

        position = new LogPosition(epoch, sequence);
        return true;
    }

    /// <summary>Reads 1 to 18 ASCII digits, which always fit a long.</summary>
    private static bool TryParseDigits(string text, int start, int end, out long value)
    {
        value = 0;
        if (end - start is <= 0 or > 18)
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

        return true;
    }
}
