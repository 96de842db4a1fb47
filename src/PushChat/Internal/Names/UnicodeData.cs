using System.Collections.Generic;
using System.IO;
using System.Text;

namespace PushChat.Internal.Names;

/// <summary>
/// Reads the Unicode data files embedded in the assembly (see Data/): '#' lines are their
/// licence header and notes, every other line is one record of ';'-separated fields.
/// </summary>
internal static class UnicodeData
{
    public static IEnumerable<string[]> Records(string fileName)
    {
        using var stream = typeof(UnicodeData).Assembly.GetManifestResourceStream("PushChat.Internal.Names.Data." + fileName)
            ?? throw new InvalidDataException($"The resource {fileName} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line.Split(';');
            }
        }
    }

    public static int Hex(string text) => int.Parse(text, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
}
