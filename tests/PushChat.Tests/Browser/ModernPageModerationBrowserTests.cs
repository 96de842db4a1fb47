using OpenQA.Selenium;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// Moderation from the modern page in a real Chromium: an admin or a room's owner deletes lines,
/// kicks, sets the topic and closes the room, and the users of the classic frames see it; a plain
/// user gets none of those controls, and the server's refusal when it tries by command.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class ModernPageModerationBrowserTests
{
    // Every line of a classic chat frame that shows, without its time stamp.
    private const string ShownClassicLines = """
        return Array.from(document.querySelectorAll('.log p.line')).filter(p => p.getClientRects().length > 0).map(p => {
          const time = p.querySelector('time');
          return p.textContent.slice(time ? time.textContent.length : 0).trim();
        });
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task An_admin_on_the_modern_page_deletes_a_line_and_kicks_a_user_of_the_classic_frames()
    {
        ChromiumBrowser.RequireInstalled();
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("root", "password", ChatRole.Admin), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        using var root = ChromiumBrowser.Launch();
        using var bob = ChromiumBrowser.Launch();
        ClassicFrames.LogIn(bob, chat, "bob");
        ModernPage.LogIn(root, chat, "root", "password");
        ClassicFrames.Say(bob, "a line to take back", bob);
        ClassicFrames.Say(bob, "a line to keep", bob);

        var doomed = ModernPage.Line(root, "a line to take back");
        doomed.FindElement(By.CssSelector("button.delete")).Click();

        root.Until("the deleted line gone from the modern page", () => !ModernPage.ReadLines(root).Any(l => l.Body == "a line to take back"));
        bob.EnterFrame("chat");
        bob.Until("the deleted line gone from bob's chat frame", () => !ShownLines(bob).Contains("bob a line to take back"));
        CollectionAssert.Contains(ShownLines(bob), "bob a line to keep");

        root.Click("the moderation button of bob", "#people li[data-name=bob] button.moderate");
        Assert.AreEqual("bob", root.Find("#mod-name").GetDomProperty("value"));
        Assert.AreEqual("mod-action", root.Script("return document.activeElement.id;"), "the cursor goes to what to do");
        root.Find("#mod-action option[value=kick]").Click();
        root.Find("#mod-reason").SendKeys("spam");
        AxeCheck.Run(root, "the modern page of an admin");
        ModernPage.SaveScreenshots(TestContext, root, "modern-page-admin");
        AxeCheck.Run(root, "the modern page of an admin, dark");
        root.Find("#moderate button[type=submit]").Click();

        bob.EnterFrame("chat");
        bob.Until("the kick notice in bob's chat frame", () => ClassicFrames.ReadLines(bob).Any(l => l.Text == "You were kicked out by root: spam"));
        ModernPage.WaitAnswered(root);
        Assert.AreEqual(string.Empty, ModernPage.Refusal(root));
        Assert.IsFalse(chat.Server.OnlineUsers.Any(u => u.Name == "bob"));
    }

    [TestMethod]
    public async Task The_owner_of_a_room_on_the_modern_page_sets_its_topic_for_the_classic_frames_and_closes_it()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        using var bob = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");
        ClassicFrames.LogIn(bob, chat, "bob");
        Assert.IsFalse(alice.Find("#topic-form").Displayed, "no topic form in a room alice does not own");

        alice.Find("#room").SendKeys("Garden" + Keys.Enter);
        alice.Until("the room's name Garden", () => alice.Find("#room-name").Text == "Room: Garden");
        Assert.IsTrue(chat.Server.MoveUser("bob", "Garden"));
        alice.Until("bob in the online list", () => ModernPage.OnlineNames(alice).Contains("bob"));
        alice.Until("the topic form of the owner", () => alice.Find("#topic-form").Displayed);
        CollectionAssert.DoesNotContain(alice.FindAll("#mod-action option").Select(o => o.GetDomProperty("value")).ToArray(), "ban", "an owner may not ban");

        alice.Find("#topic-text").SendKeys("Roses");
        alice.Find("#topic-form button[type=submit]").Click();

        ClassicFrames.WaitForLine(bob, "alice set the topic: Roses");
        alice.Until("the topic on the modern page", () => alice.Find("#topic").Text == "Topic: Roses");
        alice.Click("the clear-topic button", "#clear-topic");
        ClassicFrames.WaitForLine(bob, "alice cleared the topic.");
        alice.Until("no topic on the modern page", () => alice.Find("#topic").Text.Length == 0);

        alice.Click("the close-room button", "#close-room");
        alice.Until("alice back in the Lobby", () => alice.Find("#room-name").Text == "Room: Lobby");
        Assert.IsFalse(chat.Server.Rooms.Any(r => r.Name == "Garden"), "the garden is closed");
        Assert.AreEqual(string.Empty, ModernPage.Refusal(alice));
    }

    [TestMethod]
    public async Task A_user_made_an_owner_with_op_gets_the_owners_controls_on_the_modern_page()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        var (bob, bobStream) = await chat.EnterAsync("bob");
        await using var _ = bobStream;
        Assert.AreEqual(303, (await chat.SayAsync(bob, "/join Garden")).Status);
        using var alice = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");
        alice.Find("#room").SendKeys("Garden" + Keys.Enter);
        alice.Until("the room's name Garden", () => alice.Find("#room-name").Text == "Room: Garden");
        alice.Until("bob in the online list", () => ModernPage.OnlineNames(alice).Contains("bob"));
        Assert.IsFalse(alice.Find("#topic-form").Displayed, "no owner's controls before /op");

        Assert.AreEqual(303, (await chat.SayAsync(bob, "/op alice")).Status);

        alice.Until("the owner's topic form", () => alice.Find("#topic-form").Displayed);
        Assert.IsTrue(alice.Find("#moderation").Displayed, "the moderation form of an owner");
        CollectionAssert.DoesNotContain(alice.FindAll("#mod-action option").Select(o => o.GetDomProperty("value")).ToArray(), "ban", "an owner may not ban");
    }

    [TestMethod]
    public async Task A_plain_user_gets_no_moderation_controls_and_sees_the_servers_refusal_of_a_typed_kick()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        var (bob, bobStream) = await chat.EnterAsync("bob");
        await using var _ = bobStream;
        using var alice = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");
        Assert.AreEqual(303, (await chat.SayAsync(bob, "a line of bob")).Status);
        ModernPage.Line(alice, "a line of bob");
        alice.Until("bob in the online list", () => ModernPage.OnlineNames(alice).Contains("bob"));

        Assert.AreEqual(0, alice.FindAll("#lines button.delete").Count, "delete buttons");
        Assert.AreEqual(0, alice.FindAll("#people button.moderate").Count, "moderation buttons");
        Assert.IsFalse(alice.Find("#moderation").Displayed, "the moderation form");
        Assert.IsFalse(alice.Find("#topic-form").Displayed, "the topic form");
        Assert.IsFalse(alice.Find("#close-room").Displayed, "the close-room button");

        alice.Find("#text").SendKeys("/kick bob" + Keys.Enter);
        alice.Until("the server's refusal", () => ModernPage.Refusal(alice).Length > 0);
        Assert.AreEqual("Only an admin or an owner of Lobby can kick users there.", ModernPage.Refusal(alice));
        Assert.IsTrue(chat.Server.OnlineUsers.Any(u => u.Name == "bob"));
    }

    private static string[] ShownLines(ChromiumBrowser browser) =>
        (browser.Script(ShownClassicLines) as IEnumerable<object> ?? []).Select(o => (string)o).ToArray();
}
