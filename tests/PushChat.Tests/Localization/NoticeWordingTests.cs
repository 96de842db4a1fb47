using Microsoft.VisualStudio.TestTools.UnitTesting;
using PushChat.Internal.Chat.State;
using PushChat.Localization;

namespace PushChat.Tests.Localization;

/// <summary>Sentences made of names and other sentences, worded whole in each language.</summary>
[TestClass]
public sealed class NoticeWordingTests
{
    [TestMethod]
    public void A_folded_list_of_names_takes_each_languages_separators()
    {
        var folded = new FoldedNotices();
        folded.Joined("ann");
        folded.Joined("ben");
        folded.Joined("cid");

        var text = folded.Take();

        Assert.AreEqual("ann, ben and cid joined.", text.In(ChatLanguage.English));
        Assert.AreEqual("ann、ben 和 cid 加入了。", text.In(ChatLanguage.SimplifiedChinese));
    }

    [TestMethod]
    public void Past_three_names_the_others_are_counted()
    {
        var folded = new FoldedNotices();
        foreach (var name in new[] { "ann", "ben", "cid", "dan" })
        {
            folded.Left(name);
        }

        var text = folded.Take();

        Assert.AreEqual("ann, ben and 2 others left.", text.In(ChatLanguage.English));
        Assert.AreEqual("ann、ben 和另外 2 人离开了。", text.In(ChatLanguage.SimplifiedChinese));
        folded.Left("eve");
        folded.Left("fay");
        folded.Left("gus");
        Assert.AreEqual("eve, fay and gus left.", folded.Take().In(ChatLanguage.English));
    }

    [TestMethod]
    public void A_name_mixing_scripts_lists_them_in_the_readers_language()
    {
        var refusal = UserNameRules.Check("王小明 Дмитрий", 24);

        Assert.IsNotNull(refusal);
        StringAssert.Contains(refusal.In(ChatLanguage.SimplifiedChinese), "名字混用了");
        StringAssert.Contains(refusal.In(ChatLanguage.English), " and ");
        StringAssert.Contains(refusal.In(ChatLanguage.SimplifiedChinese), " 和 ");
        StringAssert.Contains(refusal.In(ChatLanguage.English), "Han and Cyrillic");
        StringAssert.Contains(refusal.In(ChatLanguage.SimplifiedChinese), "汉字 和 西里尔");
    }
}
