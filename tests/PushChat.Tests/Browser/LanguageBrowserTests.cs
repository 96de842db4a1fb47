using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// Readers of one room in their own languages, as their browsers ask for them: a Chinese browser
/// gets Chinese pages and notices on both UIs while an English reader of the same room gets English.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class LanguageBrowserTests
{
    [TestMethod]
    public async Task A_chinese_browser_reads_chinese_on_both_pages_while_an_english_reader_of_the_room_reads_english()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var ann = ChromiumBrowser.Launch("--lang=en-US", "--accept-lang=en-US");
        using var bo = ChromiumBrowser.Launch("--lang=zh-CN", "--accept-lang=zh-CN");
        using var li = ChromiumBrowser.Launch("--lang=zh-CN", "--accept-lang=zh-CN");
        var english = ChatLanguage.English;
        var chinese = ChatLanguage.SimplifiedChinese;

        li.GoTo(ClassicFrames.Home(chat));
        li.WaitFor("the login form", () => li.FindAll("#name").FirstOrDefault());
        Assert.AreEqual("zh-Hans", li.Script("return document.documentElement.lang;"), "the login page follows the browser");
        Assert.AreEqual("zh-Hans", li.Find("#lang").GetDomProperty("value"));
        ClassicFrames.LogIn(ann, chat, "ann", language: english);
        ClassicFrames.LogIn(bo, chat, "bo", language: chinese);
        ModernPage.LogIn(li, chat, "li");
        Assert.AreEqual("zh-Hans", li.Script("return document.documentElement.lang;"), "the modern page's language");
        Assert.AreEqual(chinese.Format("app.send"), li.Find("#send").Text);
        Assert.AreEqual(chinese.Format("app.online"), li.Find("#status").Text);

        var (_, cyChat) = await chat.EnterAsync("cy");
        await using (cyChat)
        {
            ClassicFrames.WaitForLine(ann, english.Format(NoticeTexts.Joined, ("name", "cy")));
            ClassicFrames.WaitForLine(bo, chinese.Format(NoticeTexts.Joined, ("name", "cy")));
            ModernPage.WaitForLine(li, "system", chinese.Format(NoticeTexts.Joined, ("name", "cy")));

            // Said words are the speaker's, the same for everyone; the words around a whisper are the reader's.
            ClassicFrames.Say(bo, "大家好", ann, bo);
            ModernPage.WaitForLine(li, "public", "大家好");
            Assert.AreEqual(303, (await chat.TalkAsync(chat.Server.Engine!.State.Sessions.FindByName("cy")!.Id, "psst", to: "bo", isPrivate: true)).Status);
            ClassicFrames.WaitForLine(bo, $"cy {chinese.Format(LineTexts.WhisperTo, ("name", "bo"))} psst");

            bo.EnterFrame("talk");
            Assert.AreEqual("zh-Hans", bo.Script("return document.documentElement.lang;"), "the talk frame's language");
            ann.EnterFrame("talk");
            Assert.AreEqual("en", ann.Script("return document.documentElement.lang;"), "the English reader's talk frame");
        }

        chat.Server.SetTopic("Lobby", "Roses");
        ClassicFrames.WaitForLine(ann, english.Format(NoticeTexts.TopicSet, ("topic", "Roses")));
        ClassicFrames.WaitForLine(bo, chinese.Format(NoticeTexts.TopicSet, ("topic", "Roses")));
        ModernPage.WaitForLine(li, "system", chinese.Format(NoticeTexts.TopicSet, ("topic", "Roses")));
    }
}
