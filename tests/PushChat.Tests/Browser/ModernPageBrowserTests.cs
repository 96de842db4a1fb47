using OpenQA.Selenium;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>The modern page in a real Chromium, beside users of the classic frames.</summary>
[TestClass]
[TestCategory("Browser")]
public sealed class ModernPageBrowserTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_user_on_the_modern_page_and_one_in_the_classic_frames_talk_both_ways()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        using var bob = ChromiumBrowser.Launch();

        ModernPage.LogIn(alice, chat, "alice");
        ClassicFrames.LogIn(bob, chat, "bob");
        ModernPage.WaitForLine(alice, "system", "bob joined.");
        alice.Until("bob in the online list", () => ModernPage.OnlineNames(alice).Contains("bob"));

        ModernPage.Say(alice, "hello from the new page");
        ClassicFrames.WaitForLine(bob, "alice hello from the new page");
        ClassicFrames.Say(bob, "hello from the frames");
        ModernPage.WaitForLine(alice, "public", "hello from the frames");

        var lines = ModernPage.ReadLines(alice);
        Assert.AreEqual(1, lines.Count(l => l.Body == "hello from the new page"), string.Join("\n", lines));
        Assert.AreEqual(("public", "bob", "hello from the frames"), lines.Single(l => l.Body == "hello from the frames"));
        Assert.AreEqual("1", alice.Script("return String(document.querySelectorAll('#announcer p').length > 0 ? 1 : 0);"), "new lines are announced");
        Assert.IsFalse((alice.Script("return document.getElementById('announcer').textContent;") as string)!.Contains("alice joined.", StringComparison.Ordinal), "history is not announced");

        ModernPage.SaveScreenshots(TestContext, alice, "modern-page");
    }

    [TestMethod]
    public async Task The_modern_page_whispers_to_a_user_picked_from_the_online_list()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        using var bob = ChromiumBrowser.Launch();
        ClassicFrames.LogIn(bob, chat, "bob");
        ModernPage.LogIn(alice, chat, "alice");

        alice.Click("the whisper button of bob", "#people li[data-name=bob] button.whisper");
        ModernPage.Say(alice, "only for bob");

        bob.EnterFrame("chat");
        bob.Until("the whisper in bob's chat frame", () => ClassicFrames.ReadLines(bob).Any(l => l.Text.Contains("only for bob", StringComparison.Ordinal)));
        ModernPage.WaitForLine(alice, "whisper", "only for bob");
        Assert.AreEqual("You whisper to bob", ModernPage.ReadLines(alice).Single(l => l.Body == "only for bob").Who);
    }

    [TestMethod]
    public async Task A_whisper_keeps_its_addressee_when_the_addressee_leaves_the_room_so_it_never_turns_public()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        var (bob, bobStream) = await chat.EnterAsync("bob");
        await using var _ = bobStream;
        using var alice = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");
        alice.Click("the whisper button of bob", "#people li[data-name=bob] button.whisper");

        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={bob}"))).Status);

        ModernPage.WaitForLine(alice, "system", "bob left.");
        alice.Until("bob gone from the online list", () => !ModernPage.OnlineNames(alice).Contains("bob"));
        Assert.AreEqual("bob", alice.Find("#to").GetDomProperty("value"));
    }

    [TestMethod]
    public async Task The_modern_page_moves_to_another_room_and_talks_there()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");

        alice.Find("#room").SendKeys("Garden" + Keys.Enter);
        alice.Until("the room's name Garden", () => alice.Find("#room-name").Text == "Room: Garden");
        ModernPage.Say(alice, "among the roses");

        ModernPage.WaitForLine(alice, "public", "among the roses");
        Assert.AreEqual("Garden", chat.Server.OnlineUsers.Single(u => u.Name == "alice").Room);
    }

    [TestMethod]
    public async Task When_the_server_drops_every_stream_the_modern_page_says_so_and_resumes_with_no_line_lost_or_repeated()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");
        chat.Server.PostNotice("notice 1");
        ModernPage.WaitForLine(alice, "system", "notice 1");
        alice.Find("#text").SendKeys("typed while offline");

        chat.Server.Connections!.AbortAll();
        alice.Until("the page saying it is offline", () => ModernPage.Status(alice) == "offline");
        chat.Server.PostNotice("notice 2");
        chat.Server.PostNotice("notice 3");
        ModernPage.WaitOnline(alice);
        chat.Server.PostNotice("notice 4");
        ModernPage.WaitForLine(alice, "system", "notice 4");

        var notices = ModernPage.ReadLines(alice).Where(l => l.Body.StartsWith("notice ", StringComparison.Ordinal)).Select(l => l.Body).ToArray();
        CollectionAssert.AreEqual(new[] { "notice 1", "notice 2", "notice 3", "notice 4" }, notices);
        Assert.AreEqual("typed while offline", alice.Find("#text").GetDomProperty("value"));
    }

    [TestMethod]
    public async Task Old_lines_leave_the_page_beyond_five_hundred()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");

        for (var i = 1; i <= 520; i++)
        {
            chat.Server.PostNotice($"notice {i}");
        }

        ModernPage.WaitForLine(alice, "system", "notice 520");
        var lines = ModernPage.ReadLines(alice);
        Assert.AreEqual(500, lines.Count);
        Assert.AreEqual("notice 21", lines[0].Body);
    }

    [TestMethod]
    public async Task A_deleted_line_leaves_the_page_a_topic_shows_and_a_kick_ends_it()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");
        var doomed = chat.Server.PostNotice("to be taken back");
        chat.Server.PostNotice("to stay");
        ModernPage.WaitForLine(alice, "system", "to stay");

        Assert.IsTrue(chat.Server.DeleteLine("Lobby", doomed.Sequence));
        chat.Server.SetTopic("Lobby", "Roses");

        alice.Until("the topic", () => alice.Find("#topic").Text == "Topic: Roses");
        var bodies = ModernPage.ReadLines(alice).Select(l => l.Body).ToArray();
        CollectionAssert.DoesNotContain(bodies, "to be taken back");
        CollectionAssert.Contains(bodies, "to stay");

        Assert.IsTrue(chat.Server.Kick("alice", "testing"));
        alice.Until("the page saying the chat ended", () => ModernPage.Status(alice) == "ended");
        StringAssert.Contains(alice.Find("#status").Text, "You were removed from the chat.");
    }

    [TestMethod]
    public async Task A_keyboard_alone_logs_in_to_the_modern_page_says_a_line_and_whispers()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        var (_, bobChat) = await chat.EnterAsync("bob");
        await using var bobStream = bobChat;
        using var alice = ChromiumBrowser.Launch();

        alice.GoTo(ClassicFrames.Home(chat));
        alice.Until("the cursor in the name box", () => Focused(alice) == "name");
        Keyboard(alice, "alice" + Keys.Tab);
        Assert.AreEqual("password", Focused(alice));
        Keyboard(alice, Keys.Tab);
        Assert.AreEqual("lang", Focused(alice));
        Keyboard(alice, Keys.Tab);
        Assert.AreEqual("ui:classic", Focused(alice));
        Keyboard(alice, Keys.ArrowRight + Keys.Enter);
        ModernPage.WaitOnline(alice);
        alice.Until("the cursor in the message box", () => Focused(alice) == "text");

        Keyboard(alice, "said with keys" + Keys.Enter);
        await bobStream.ReadStreamUntilAsync("said with keys");
        Keyboard(alice, Keys.Shift + Keys.Tab + Keys.Shift);
        Assert.AreEqual("to", Focused(alice));
        alice.Until("bob to whisper to", () => alice.FindAll("#to option[value=bob]").Count == 1);
        Keyboard(alice, "b" + Keys.Tab);
        Assert.AreEqual("text", Focused(alice));
        Keyboard(alice, "psst with keys" + Keys.Enter);

        StringAssert.Contains(await bobStream.ReadStreamUntilAsync("psst with keys"), "psst with keys");
        ModernPage.WaitForLine(alice, "whisper", "psst with keys");
        Assert.AreEqual("bob", alice.Find("#to").GetDomProperty("value"));
    }

    private static void Keyboard(ChromiumBrowser browser, string keys) => browser.Driver.SwitchTo().ActiveElement().SendKeys(keys);

    private static string? Focused(ChromiumBrowser browser) =>
        browser.Script("const e = document.activeElement; return e.type === 'radio' ? 'ui:' + e.value : e.id;") as string;
}
