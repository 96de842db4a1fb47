using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Localization;

/// <summary>The names frame and the role marks of the style sheet in the reader's language.</summary>
[TestClass]
public sealed class NamesLanguageTests
{
    [TestMethod]
    public async Task A_chinese_readers_names_frame_is_in_chinese_and_an_english_readers_in_english()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var li = await chat.LoginAsync("li", language: "zh-Hans");
        var ann = await chat.LoginAsync("ann", language: "en");
        await using var liChat = await chat.OpenChatAsync(li);
        await using var annChat = await chat.OpenChatAsync(ann);

        await using var liNames = await chat.OpenNamesAsync(li);
        await using var annNames = await chat.OpenNamesAsync(ann);
        var chinese = liNames.StreamText;
        var english = annNames.StreamText;

        StringAssert.Contains(chinese, "<html lang=\"zh-Hans\"");
        StringAssert.Contains(ChatTestServer.LastNamesList(chinese), "aria-label=\"在线的人\"");
        StringAssert.Contains(ChatTestServer.LastNamesList(chinese), "aria-label=\"和 ann 说悄悄话\"");
        StringAssert.Contains(ChatTestServer.LastNamesList(chinese), ">访客</small>");
        StringAssert.Contains(english, "<html lang=\"en\"");
        StringAssert.Contains(ChatTestServer.LastNamesList(english), "aria-label=\"whisper to li\"");
        StringAssert.Contains(ChatTestServer.LastNamesList(english), ">guest</small>");
    }

    [TestMethod]
    public async Task The_style_sheet_words_the_role_marks_in_every_language_of_the_chat()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var css = (await chat.RequestAsync(ChatTestServer.Get(ChatRoutes.StyleSheet))).Body;

        StringAssert.Contains(css, "content: var(--mark-guest, \"guest\")");
        StringAssert.Contains(css, ":root:lang(en) { --mark-guest: \"guest\"; --mark-admin: \"admin\"; --mark-member: \"member\"; }");
        StringAssert.Contains(css, ":root:lang(zh-Hans) { --mark-guest: \"访客\"; --mark-admin: \"管理员\"; --mark-member: \"注册用户\"; }");
    }
}
