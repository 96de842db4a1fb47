using Microsoft.VisualStudio.TestTools.UnitTesting;
using PushChat.Localization;

namespace PushChat.Tests.Localization;

[TestClass]
public sealed class LanguageChoiceTests
{
    private static readonly ChatLanguages Shipped = new(new[] { ChatLanguage.English, ChatLanguage.SimplifiedChinese }, "en");

    [TestMethod]
    [DataRow("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans")]
    [DataRow("en-US,en;q=0.9", "en")]
    [DataRow("zh-TW", "zh-Hans")]
    [DataRow("fr-FR, zh-Hans;q=0.5, en;q=0.4", "zh-Hans")]
    [DataRow("en;q=0.2, zh;q=0.9", "zh-Hans")]
    [DataRow("ZH-hans", "zh-Hans")]
    [DataRow("de, *;q=0.1", "en")]
    public void TheBrowsersPreferenceFindsTheBestLanguage(string acceptLanguage, string expected) =>
        Assert.AreEqual(expected, Shipped.Match(acceptLanguage)!.Tag);

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("de, fr")]
    [DataRow("zh;q=0")]
    [DataRow(";;;,,,q=x")]
    public void NoMatchIsNull(string? acceptLanguage) => Assert.IsNull(Shipped.Match(acceptLanguage));

    [TestMethod]
    public void AChoiceBeatsTheCookieWhichBeatsTheBrowser()
    {
        Assert.AreEqual("en", Shipped.Choose("en", "zh-Hans", "zh-CN").Tag);
        Assert.AreEqual("zh-Hans", Shipped.Choose(null, "zh-Hans", "en").Tag);
        Assert.AreEqual("zh-Hans", Shipped.Choose("xx", "yy", "zh-CN").Tag);
        Assert.AreEqual("en", Shipped.Choose(null, null, "de").Tag);
    }

    [TestMethod]
    public void TraditionalChinesePrefersATraditionalTableWhenThereIsOne()
    {
        var traditional = new ChatLanguage("zh-Hant", "繁體中文", new System.Collections.Generic.Dictionary<string, string>());
        var languages = new ChatLanguages(new[] { ChatLanguage.English, ChatLanguage.SimplifiedChinese, traditional }, "en");

        Assert.AreEqual("zh-Hant", languages.Match("zh-TW")!.Tag);
        Assert.AreEqual("zh-Hant", languages.Match("zh-HK")!.Tag);
        Assert.AreEqual("zh-Hans", languages.Match("zh-CN")!.Tag);
        Assert.AreEqual("zh-Hans", languages.Match("zh-SG")!.Tag);
    }
}
