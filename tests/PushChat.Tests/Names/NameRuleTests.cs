using System.Diagnostics;
using PushChat.Internal.Chat.State;

namespace PushChat.Tests.Names;

[TestClass]
public sealed class NameRuleTests
{
    [TestMethod]
    [DataRow("Zoë")]
    [DataRow("Zoe\u0308")]
    [DataRow("Łukasz")]
    [DataRow("Nguyễn Văn An")]
    [DataRow("Дмитрий")]
    [DataRow("Ελένη")]
    [DataRow("王小明")]
    [DataRow("さくら")]
    [DataRow("山田 たろう")]
    [DataRow("ヤマダ たろう")]
    [DataRow("김민수")]
    [DataRow("金 민수")]
    [DataRow("محمد")]
    [DataRow("דוד")]
    [DataRow("राहुल")]
    [DataRow("สมชาย")]
    [DataRow("𠮷野家")]
    [DataRow("Mary-Ann_2")]
    [DataRow("Tanaka 太郎")]
    public void A_real_name_in_its_own_script_is_fine(string name) =>
        Assert.IsNull(UserNameRules.Check(UserNameRules.Normalize(name), 24), name);

    [TestMethod]
    [DataRow("alice\uFE02")]
    [DataRow("ali\u034Fce")]
    [DataRow("alice\u180B")]
    [DataRow("alice\u180F")]
    [DataRow("alice\u17B4")]
    [DataRow("alice\u17B5")]
    [DataRow("alice\u3164")]
    [DataRow("alice\uFFA0")]
    [DataRow("\u115Falice")]
    [DataRow("alice\u1160")]
    [DataRow("alice\u00AD")]
    [DataRow("alice\U000E0041")]
    [DataRow("alice\U000E0100")]
    public void Invisible_and_filler_characters_are_refused(string name) =>
        StringAssert.Contains(UserNameRules.Check(UserNameRules.Normalize(name), 24)?.ToString(), "invisible");

    [TestMethod]
    [DataRow("\u0301\u0301")]
    [DataRow("\u0301alice")]
    [DataRow("\u0E31")]
    public void A_name_starts_with_a_letter_or_digit(string name) =>
        StringAssert.Contains(UserNameRules.Check(UserNameRules.Normalize(name), 24)?.ToString(), "start with a letter or digit");

    [TestMethod]
    [DataRow("x\u0301\u0302\u0303")]
    [DataRow("a\u0336\u0335\u0334lice")]
    [DataRow("x\u0301\u0301")]
    public void Marks_do_not_stack(string name) =>
        StringAssert.Contains(UserNameRules.Check(UserNameRules.Normalize(name), 24)?.ToString(), "marks");

    [TestMethod]
    [DataRow("x\u0301\u0316")]
    [DataRow("क्षत्रिय")]
    [DataRow("กี้")]
    public void Two_marks_on_a_letter_are_fine(string name) =>
        Assert.IsNull(UserNameRules.Check(UserNameRules.Normalize(name), 24), name);

    [TestMethod]
    [DataRow("\u0430lice")]
    [DataRow("alic\u0435")]
    [DataRow("paypal\u03BF")]
    [DataRow("Иван Smith")]
    [DataRow("김민수 さくら")]
    [DataRow("محمد Ali")]
    [DataRow("王小明 Дмитрий")]
    public void A_name_keeps_to_one_script(string name) =>
        StringAssert.Contains(UserNameRules.Check(UserNameRules.Normalize(name), 24)?.ToString(), "mixes");

    [TestMethod]
    public void Fullwidth_letters_fold_to_ordinary_ones() =>
        Assert.AreEqual("alice 1", UserNameRules.Normalize("\uFF41\uFF4C\uFF49\uFF43\uFF45 \uFF11"));

    [TestMethod]
    public void Checking_the_longest_hostile_names_is_cheap()
    {
        string[] hostile =
        [
            "a" + new string('\u0301', 255),
            new string('\u0301', 256),
            string.Concat(Enumerable.Repeat("a\u0430", 128)),
            string.Concat(Enumerable.Repeat("\uD842\uDFB7", 128)),
            string.Concat(Enumerable.Repeat("a ", 128)),
            new string('\uFF41', 256),
        ];
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 1000; i++)
        {
            foreach (var name in hostile)
            {
                _ = UserNameRules.Check(UserNameRules.Normalize(name), 256);
            }
        }

        Assert.IsLessThan(TimeSpan.FromSeconds(3), clock.Elapsed, "6,000 checks of 256-character names");
    }
}
