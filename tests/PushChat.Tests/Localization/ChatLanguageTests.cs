using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PushChat.Localization;

namespace PushChat.Tests.Localization;

[TestClass]
public sealed class ChatLanguageTests
{
    private const string Missed = "{count, plural, =0 {Nothing was missed.} one {# line was missed.} other {# lines were missed.}}";

    [TestMethod]
    public void NamesGoWhereTheLanguagePutsThem()
    {
        var english = Language("en", "{name} joined {room}.");
        var chinese = Language("zh-Hans", "{name} 加入了 {room}。");

        Assert.AreEqual("Ann joined Lobby.", english.Format("t", ("name", "Ann"), ("room", "Lobby")));
        Assert.AreEqual("Ann 加入了 Lobby。", chinese.Format("t", ("room", "Lobby"), ("name", "Ann")));
    }

    [TestMethod]
    public void PluralsFollowTheLanguagesRule()
    {
        var english = Language("en", Missed);
        Assert.AreEqual("Nothing was missed.", english.Format("t", ("count", 0)));
        Assert.AreEqual("1 line was missed.", english.Format("t", ("count", 1)));
        Assert.AreEqual("12 lines were missed.", english.Format("t", ("count", 12L)));

        var russian = Language("ru", "{n, plural, one {# строка} few {# строки} many {# строк} other {# строки}}");
        Assert.AreEqual("1 строка", russian.Format("t", ("n", 1)));
        Assert.AreEqual("3 строки", russian.Format("t", ("n", 3)));
        Assert.AreEqual("11 строк", russian.Format("t", ("n", 11)));
        Assert.AreEqual("21 строка", russian.Format("t", ("n", 21)));
        Assert.AreEqual("25 строк", russian.Format("t", ("n", 25)));

        var chinese = Language("zh-Hans", "{n, plural, other {错过了 # 行}}");
        Assert.AreEqual("错过了 1 行", chinese.Format("t", ("n", 1)));
        Assert.AreEqual(PluralCategory.Other, chinese.PluralCategoryOf(1));
        Assert.AreEqual(PluralCategory.One, ChatLanguage.English.PluralCategoryOf(1));
        Assert.AreEqual(PluralCategory.One, Language("fr", "x").PluralCategoryOf(0));
    }

    [TestMethod]
    public void QuotesKeepBracesAndApostrophesAsText()
    {
        var language = Language("en", "Type '{'name'}' here, it''s easy; don't worry.");
        Assert.AreEqual("Type {name} here, it's easy; don't worry.", language.Format("t"));
    }

    [TestMethod]
    public void AHostsLanguageFallsBackToEnglishAndGapsShow()
    {
        var german = new ChatLanguage("de", "Deutsch", new Dictionary<string, string> { ["line.said-to"] = "an {name}:" });

        Assert.AreEqual("an Ann:", german.Format("line.said-to", ("name", "Ann")));
        Assert.AreEqual("to Ann, privately:", german.Format("line.whisper-to", ("name", "Ann")), "a key it lacks comes from English");
        Assert.AreEqual("[no.such.key]", german.Format("no.such.key"));
        Assert.AreEqual("an {name}:", german.Format("line.said-to"), "a missing argument shows as itself");
    }

    [TestMethod]
    public void AnEnglishFallbackCountsAsEnglishDoes()
    {
        var japanese = new ChatLanguage("ja", "日本語", new Dictionary<string, string>());
        var russian = new ChatLanguage("ru", "Русский", new Dictionary<string, string>());

        Assert.AreEqual(
            ChatLanguage.English.Format("notice.frame-missed", ("count", 1)),
            japanese.Format("notice.frame-missed", ("count", 1)),
            "Japanese has only \"other\", but the English text it falls back to says one line");
        Assert.AreEqual(ChatLanguage.English.Format("notice.frame-missed", ("count", 21)), russian.Format("notice.frame-missed", ("count", 21)));
    }

    [TestMethod]
    public void AChoiceOnATextArgumentCountsItAsNoneInsteadOfFailing()
    {
        var language = Language("en", "{name, plural, =0 {nobody came} other {# came}}");

        Assert.AreEqual("nobody came", language.Format("t", ("name", "Ann")));
        Assert.AreEqual("nobody came", language.Format("t", ("name", new object())));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("pt_BR")]
    [DataRow("en\n<script>")]
    [DataRow("toolongtag")]
    [DataRow("1a")]
    [DataRow("de-")]
    public void ATagThatIsNoLanguageTagIsRefused(string tag) =>
        Assert.ThrowsExactly<ArgumentException>(() => new ChatLanguage(tag, "x", new Dictionary<string, string>()));

    [TestMethod]
    public void WithReplacesATextInACopy()
    {
        var changed = ChatLanguage.English.With("line.said-to", "for {name}:");

        Assert.AreEqual("for Ann:", changed.Format("line.said-to", ("name", "Ann")));
        Assert.AreEqual("to Ann:", ChatLanguage.English.Format("line.said-to", ("name", "Ann")));
        Assert.AreEqual("en", changed.Tag);
    }

    [TestMethod]
    [DataRow("{name")]
    [DataRow("{}")]
    [DataRow("{n, plural, one {#}}")]
    [DataRow("{n, select, a {x} other {y}}")]
    [DataRow("'{ never closed")]
    [DataRow("a } b")]
    public void AMalformedTextIsRefusedWithItsKey(string text)
    {
        var thrown = Assert.ThrowsExactly<ArgumentException>(() => Language("en", text));
        StringAssert.Contains(thrown.Message, "\"t\"");
    }

    private static ChatLanguage Language(string tag, string text) =>
        new(tag, tag, new Dictionary<string, string> { ["t"] = text });
}
