using System;
using System.Collections.Generic;

namespace PushChat.Localization;

/// <summary>
/// A text to show someone, kept as its key and arguments until the reader's language is known:
/// a refusal is written in the language of whoever asked, a notice in each reader's own. The
/// host's own words (a filter's reason, a server notice) are <see cref="Plain"/>, the same in
/// every language.
/// </summary>
internal sealed class LocalText
{
    private readonly string? _plain;
    private readonly (string Name, object? Value)[] _arguments;

    private LocalText(string key, string? plain, (string Name, object? Value)[] arguments)
    {
        Key = key;
        _plain = plain;
        _arguments = arguments;
    }

    /// <summary>The key of the text in the string tables; empty for plain text.</summary>
    public string Key { get; }

    public static LocalText Of(string key, params (string Name, object? Value)[] arguments) =>
        new(key ?? throw new ArgumentNullException(nameof(key)), null, arguments ?? Array.Empty<(string, object?)>());

    public static LocalText Plain(string text) =>
        new(string.Empty, text ?? throw new ArgumentNullException(nameof(text)), Array.Empty<(string, object?)>());

    /// <summary>Whether the text reads the same in every language.</summary>
    public bool IsPlain => _plain is not null;

    /// <summary>The words of a plain text; null for a keyed one. Read when a change travels to another node.</summary>
    internal string? PlainText => _plain;

    /// <summary>The arguments of a keyed text, in order. Read when a change travels to another node.</summary>
    internal IReadOnlyList<(string Name, object? Value)> Arguments => _arguments;

    /// <summary>The text in <paramref name="language"/>; an argument that is itself a text is worded in it too.</summary>
    public string In(ChatLanguage language) => _plain ?? language.Format(Key, Worded(language));

    // A sentence made of sentences ("Ann joined. Ben left.") or holding a phrase of its own (a
    // list of names) keeps them as texts, so each is worded in the reader's language.
    private (string Name, object? Value)[] Worded(ChatLanguage language)
    {
        var worded = _arguments;
        for (var i = 0; i < worded.Length; i++)
        {
            if (worded[i].Value is LocalText inner)
            {
                worded = worded == _arguments ? ((string, object?)[])_arguments.Clone() : worded;
                worded[i] = (worded[i].Name, inner.In(language));
            }
        }

        return worded;
    }

    /// <summary>The text in English, for logs and debugging.</summary>
    public override string ToString() => In(ChatLanguage.English);
}
