using PushChat.Localization;

namespace PushChat.Rendering;

/// <summary>
/// The default pages' words from the reader's string table, escaped for HTML, and the one kind of
/// sentence that holds markup: a sentence with a link in it, which each language orders its own way.
/// </summary>
internal static class PageWords
{
    // Stands for the link while the sentence is escaped: a private-use character no table has.
    private const string LinkMark = "\uE000";

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>, escaped for element text and quoted attributes.</summary>
    public static string Encoded(this ChatLanguage language, string key, params (string Name, object? Value)[] arguments) =>
        Html.Encode(language.Format(key, arguments));

    /// <summary>The sentence of <paramref name="sentenceKey"/> with its <c>{link}</c> as a link to <paramref name="href"/> reading <paramref name="linkKey"/>'s text.</summary>
    public static string WithLink(this ChatLanguage language, string sentenceKey, string linkKey, string href)
    {
        var link = $"<a href=\"{Html.Encode(href)}\">{language.Encoded(linkKey)}</a>";
        return Html.Encode(language.Format(sentenceKey, ("link", LinkMark))).Replace(LinkMark, link);
    }
}
