using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace PushChat.Localization;

/// <summary>
/// The languages one server speaks (<see cref="ChatServerOptions.Languages"/>), each with a small
/// number its pushed items keep their bytes under, and the choice of one for a reader: what they
/// picked on the login page (kept in a cookie), else the best match for their browser's
/// <c>Accept-Language</c>, else <see cref="ChatServerOptions.DefaultLanguage"/>.
/// </summary>
internal sealed class ChatLanguages
{
    /// <summary>The cookie that keeps a reader's choice of language.</summary>
    public const string CookieName = "pushchat-lang";

    private readonly ChatLanguage[] _all;
    private readonly int[] _chosen;

    public ChatLanguages(IEnumerable<ChatLanguage> languages, string defaultTag)
    {
        _all = new List<ChatLanguage>(languages).ToArray();
        if (_all.Length == 0)
        {
            throw new ArgumentException("A chat speaks at least one language.", nameof(languages));
        }

        Default = Find(defaultTag) ?? _all[0];
        _chosen = new int[_all.Length];
        _chosen[IndexOf(Default)] = 1;
    }

    public IReadOnlyList<ChatLanguage> All => _all;

    public ChatLanguage Default { get; }

    /// <summary>How many languages the server speaks; an item keeps its bytes per language.</summary>
    public int Count => _all.Length;

    /// <summary>The language's place in <see cref="All"/>, or 0 (the first) for one the server does not speak.</summary>
    public int IndexOf(ChatLanguage language)
    {
        var index = Array.IndexOf(_all, language);
        return index < 0 ? 0 : index;
    }

    /// <summary>Whether some reader has had this language: items are rendered ahead in those, and the default.</summary>
    public bool IsChosen(int index) => Volatile.Read(ref _chosen[index]) != 0;

    /// <summary>Notes that a reader has <paramref name="language"/>, before any item is rendered for them; returns its place.</summary>
    public int MarkChosen(ChatLanguage language)
    {
        var index = IndexOf(language);
        Volatile.Write(ref _chosen[index], 1);
        return index;
    }

    /// <summary>The server's language with exactly this tag (letter case aside), or null.</summary>
    public ChatLanguage? Find(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        foreach (var language in _all)
        {
            if (string.Equals(language.Tag, tag!.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return language;
            }
        }

        return null;
    }

    /// <summary>The reader's language: an explicit choice, then the remembered one, then the browser's preference, then the default.</summary>
    public ChatLanguage Choose(string? chosen, string? remembered, string? acceptLanguage) =>
        Find(chosen) ?? Find(remembered) ?? Match(acceptLanguage) ?? Default;

    /// <summary>
    /// The server's best language for an <c>Accept-Language</c> header (RFC 9110 §12.5.4): ranges
    /// by falling weight, each matched exactly, then by its primary language (<c>en-GB</c> finds
    /// <c>en</c>, <c>zh-CN</c> finds <c>zh-Hans</c>); null when none matches.
    /// </summary>
    public ChatLanguage? Match(string? acceptLanguage)
    {
        foreach (var range in Ranges(acceptLanguage))
        {
            if (range == "*")
            {
                return Default;
            }

            if ((Find(range) ?? ByPrimary(range)) is { } language)
            {
                return language;
            }
        }

        return null;
    }

    private ChatLanguage? ByPrimary(string range)
    {
        var primary = Primary(range);
        ChatLanguage? found = null;
        foreach (var language in _all)
        {
            if (!string.Equals(Primary(language.Tag), primary, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (found is null || Script(range) == Script(language.Tag))
            {
                found = language;
            }
        }

        return found;
    }

    private static string Primary(string tag)
    {
        var dash = tag.IndexOf('-');
        return dash < 0 ? tag : tag.Substring(0, dash);
    }

    /// <summary>The script a Chinese tag means (Hant for Taiwan, Hong Kong and Macao), or the tag lower-cased.</summary>
    private static string Script(string tag)
    {
        var lower = tag.ToLowerInvariant();
        return lower.StartsWith("zh", StringComparison.Ordinal)
            ? lower.Contains("hant") || lower.EndsWith("-tw", StringComparison.Ordinal) || lower.EndsWith("-hk", StringComparison.Ordinal) || lower.EndsWith("-mo", StringComparison.Ordinal) ? "hant" : "hans"
            : lower;
    }

    private static List<string> Ranges(string? header)
    {
        var ranges = new List<(string Range, double Weight, int Order)>();
        if (!string.IsNullOrEmpty(header))
        {
            var parts = header!.Split(',');
            for (var i = 0; i < parts.Length && i < 32; i++)
            {
                var fields = parts[i].Split(';');
                var range = fields[0].Trim();
                var weight = 1.0;
                for (var f = 1; f < fields.Length; f++)
                {
                    var parameter = fields[f].Trim();
                    if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                        !double.TryParse(parameter.Remove(0, 2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out weight))
                    {
                        weight = 0;
                    }
                }

                if (range.Length > 0 && weight > 0)
                {
                    ranges.Add((range, weight, i));
                }
            }
        }

        ranges.Sort((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Order.CompareTo(b.Order));
        return ranges.ConvertAll(r => r.Range);
    }
}
