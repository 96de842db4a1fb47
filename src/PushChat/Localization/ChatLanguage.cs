using System;
using System.Collections.Generic;
using System.Linq;

namespace PushChat.Localization;

/// <summary>
/// Every text the chat shows in one language: pages, notices, command help, refusals and the
/// modern page's words, as a table of keys to templates (<c>"notice.joined": "{name} joined."</c>).
/// English (<see cref="English"/>) and Simplified Chinese (<see cref="SimplifiedChinese"/>) ship
/// in the box; a host adds a language by building one from its own table, or changes a few
/// texts of a shipped one with <see cref="With(string, string)"/>, and lists it in
/// <see cref="ChatServerOptions.Languages"/>. Each reader gets the language of their choice.
/// </summary>
/// <remarks>
/// Templates name their arguments, so a language orders a sentence as its grammar wants
/// (<c>"{name} 加入了。"</c>), and pick words by count with the language's CLDR plural rule:
/// <c>{count, plural, one {# line was} other {# lines were}} missed.</c> Inside a choice
/// <c>#</c> stands for the count and <c>=0 {…}</c> matches one exact count; an apostrophe quotes
/// a brace (<c>'{'</c>). A key a table lacks is taken from English, so a host's table keeps
/// working when a later version adds texts. Instances are immutable and thread-safe. The keys
/// and English texts are listed in the package's README and in the tables under
/// src/PushChat/Localization/Texts.
/// </remarks>
public sealed class ChatLanguage
{
    private static readonly Lazy<ChatLanguage> LazyEnglish = new(() => new ChatLanguage("en", "English", TextTables.Load("en"), fallback: null));
    private static readonly Lazy<ChatLanguage> LazyChinese = new(() => new ChatLanguage("zh-Hans", "简体中文", TextTables.Load("zh-Hans")));

    private readonly Dictionary<string, string> _texts;
    private readonly Dictionary<string, TextTemplate> _templates;
    private readonly Func<long, PluralCategory> _plural;
    private readonly ChatLanguage? _fallback;

    /// <summary>A language from its table of texts.</summary>
    /// <param name="tag">Its BCP 47 tag, matched against a browser's <c>Accept-Language</c>: <c>de</c>, <c>pt-BR</c>, <c>zh-Hant</c>.</param>
    /// <param name="name">Its name as its speakers write it (<c>Deutsch</c>), shown where a reader picks a language.</param>
    /// <param name="texts">Keys to templates; keys it lacks are taken from <see cref="English"/>.</param>
    /// <param name="pluralRule">Sorts a count into its plural category; null takes the CLDR rule known for <paramref name="tag"/>'s language, or "one" for 1 and "other" for the rest.</param>
    /// <exception cref="ArgumentException">A tag or name is empty, or a template is malformed (the message names its key).</exception>
    public ChatLanguage(string tag, string name, IReadOnlyDictionary<string, string> texts, Func<long, PluralCategory>? pluralRule = null)
        : this(tag, name, texts, English, pluralRule)
    {
    }

    private ChatLanguage(string tag, string name, IReadOnlyDictionary<string, string> texts, ChatLanguage? fallback, Func<long, PluralCategory>? pluralRule = null)
    {
        if (!IsLanguageTag(tag))
        {
            throw new ArgumentException($"\"{tag}\" is not a language tag: use one such as \"de\", \"pt-BR\" or \"zh-Hant\" (BCP 47: letters, then parts of letters and digits after dashes).", nameof(tag));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A language needs the name its speakers know it by.", nameof(name));
        }

        Tag = tag;
        Name = name;
        _plural = pluralRule ?? PluralRules.For(tag);
        _fallback = fallback;
        _texts = new Dictionary<string, string>(StringComparer.Ordinal);
        _templates = new Dictionary<string, TextTemplate>(StringComparer.Ordinal);
        foreach (var text in texts ?? throw new ArgumentNullException(nameof(texts)))
        {
            try
            {
                _templates[text.Key] = TextTemplate.Parse(text.Value ?? throw new FormatException("The text is null."));
            }
            catch (FormatException ex)
            {
                throw new ArgumentException($"The text \"{text.Key}\" of {tag} is malformed: {ex.Message}", nameof(texts), ex);
            }

            _texts[text.Key] = text.Value;
        }
    }

    /// <summary>English, the language every other table falls back to.</summary>
    public static ChatLanguage English => LazyEnglish.Value;

    /// <summary>Simplified Chinese (<c>zh-Hans</c>), the language of the original push chat rooms.</summary>
    public static ChatLanguage SimplifiedChinese => LazyChinese.Value;

    /// <summary>The language's BCP 47 tag.</summary>
    public string Tag { get; }

    /// <summary>The language's name in itself.</summary>
    public string Name { get; }

    /// <summary>This language's own texts, without those it takes from English.</summary>
    public IReadOnlyDictionary<string, string> Texts => _texts;

    /// <summary>A copy of this language with one text replaced or added.</summary>
    /// <param name="key">The text's key, as in the shipped tables.</param>
    /// <param name="text">The new template.</param>
    /// <returns>The new language; this one is unchanged.</returns>
    public ChatLanguage With(string key, string text) =>
        With(new[] { new KeyValuePair<string, string>(key ?? throw new ArgumentNullException(nameof(key)), text ?? throw new ArgumentNullException(nameof(text))) });

    /// <summary>A copy of this language with some texts replaced or added.</summary>
    /// <param name="texts">Keys to new templates.</param>
    /// <returns>The new language; this one is unchanged.</returns>
    public ChatLanguage With(IEnumerable<KeyValuePair<string, string>> texts)
    {
        var merged = new Dictionary<string, string>(_texts, StringComparer.Ordinal);
        foreach (var text in texts ?? throw new ArgumentNullException(nameof(texts)))
        {
            merged[text.Key] = text.Value;
        }

        return new ChatLanguage(Tag, Name, merged, _fallback, _plural);
    }

    /// <summary>Whether this language or its fallback has a text for <paramref name="key"/>.</summary>
    public bool Has(string key) => _templates.ContainsKey(key) || (_fallback?.Has(key) ?? false);

    /// <summary>
    /// The text for <paramref name="key"/> with its arguments filled in: strings as they are,
    /// numbers in invariant digits. A key no table has comes out as itself in brackets, and an
    /// argument not given as its <c>{name}</c>, so a gap shows rather than fails.
    /// </summary>
    /// <param name="key">The text's key.</param>
    /// <param name="arguments">The values of the template's arguments, by name.</param>
    /// <returns>The text, plain (escape it for HTML).</returns>
    public string Format(string key, params (string Name, object? Value)[] arguments)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        for (var language = this; language is not null; language = language._fallback)
        {
            if (language._templates.TryGetValue(key, out var template))
            {
                // The plural rule of the table the text comes from: an English fallback counts as English does.
                return template.Format(language._plural, arguments ?? Array.Empty<(string, object?)>());
            }
        }

        return "[" + key + "]";
    }

    /// <summary>The plural category of <paramref name="count"/> in this language.</summary>
    public PluralCategory PluralCategoryOf(long count) => _plural(count);

    /// <summary>The template of <paramref name="key"/> as written in this language's table, or its fallback's; null when none has it.</summary>
    internal string? TemplateOf(string key)
    {
        for (var language = this; language is not null; language = language._fallback)
        {
            if (language._texts.TryGetValue(key, out var text))
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>The names of the arguments <paramref name="key"/>'s template uses here, or null when this language has no own text for it.</summary>
    internal IReadOnlyCollection<string>? ArgumentsOf(string key) =>
        _templates.TryGetValue(key, out var template) ? template.Arguments : null;

    /// <summary>Every key this language can give a text for, its own and its fallback's.</summary>
    internal IEnumerable<string> Keys => _fallback is null ? _templates.Keys : _templates.Keys.Union(_fallback.Keys);

    /// <inheritdoc />
    public override string ToString() => Tag;

    /// <summary>Whether <paramref name="tag"/> has the shape of a BCP 47 tag: 1–8 letters, then parts of 1–8 letters or digits after dashes.</summary>
    private static bool IsLanguageTag(string? tag)
    {
        if (string.IsNullOrEmpty(tag))
        {
            return false;
        }

        var parts = tag!.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 8 || !part.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') || (i > 0 && c is >= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }
}
