using System;
using System.Collections.Generic;

namespace PushChat.Internal.Names;

/// <summary>
/// The Unicode Script property (UAX #24) of a code point, from Data/scripts.txt: Scripts.txt of
/// Unicode 16.0.0 with adjacent ranges of one script merged (979 ranges). .NET has no script
/// property of its own. Script_Extensions are not used: Common and Inherited characters go with
/// every script instead, which is a little more lenient than UTS #39 for a few punctuation-like
/// letters (for example U+0640 ARABIC TATWEEL) and never stricter.
/// </summary>
internal static class UnicodeScripts
{
    public const string Common = "Common";
    public const string Inherited = "Inherited";

    /// <summary>A code point the table does not know: unassigned in Unicode 16.0.0.</summary>
    public const string Unknown = "Unknown";

    private static readonly Lazy<Table> Scripts = new(Load);

    public static string Of(int codePoint)
    {
        var table = Scripts.Value;
        var index = Array.BinarySearch(table.Starts, codePoint);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return index >= 0 && codePoint <= table.Ends[index] ? table.Names[index] : Unknown;
    }

    private static Table Load()
    {
        var starts = new List<int>();
        var ends = new List<int>();
        var names = new List<string>();
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in UnicodeData.Records("scripts.txt"))
        {
            starts.Add(UnicodeData.Hex(record[0]));
            ends.Add(UnicodeData.Hex(record[1]));
            if (!interned.TryGetValue(record[2], out var name))
            {
                interned[record[2]] = name = record[2];
            }

            names.Add(name);
        }

        return new Table(starts.ToArray(), ends.ToArray(), names.ToArray());
    }

    private sealed record Table(int[] Starts, int[] Ends, string[] Names);
}
