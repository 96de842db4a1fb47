using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace PushChat.Localization;

/// <summary>
/// Reads a shipped language's table from the assembly: every JSON file under
/// Localization/Texts/&lt;tag&gt;/ (one flat object of keys to templates per part of the chat),
/// merged into one table. A key in two files is a mistake, and says so.
/// </summary>
internal static class TextTables
{
    private const string Prefix = "PushChat.Texts.";

    public static IReadOnlyDictionary<string, string> Load(string tag)
    {
        var assembly = typeof(TextTables).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Prefix + tag + "/";
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(folder, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            using var table = JsonDocument.Parse(reader.ReadToEnd());
            foreach (var text in table.RootElement.EnumerateObject())
            {
                if (texts.ContainsKey(text.Name))
                {
                    throw new InvalidDataException($"The text \"{text.Name}\" is in more than one file of {tag}.");
                }

                texts.Add(text.Name, text.Value.GetString() ?? string.Empty);
            }
        }

        return texts.Count > 0 ? texts : throw new InvalidDataException($"The assembly holds no texts for {tag}.");
    }
}
