using OpenQA.Selenium;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// What a user does about oneself on the modern page in a real Chromium: ignore others and stop
/// ignoring them, choose a colour, register a guest's name and change a password.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class ModernPageAccountBrowserTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_user_ignores_another_from_the_online_list_sees_none_of_their_lines_then_unignores_them()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        var (bob, bobStream) = await chat.EnterAsync("bob");
        await using var _ = bobStream;
        using var alice = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");
        Assert.AreEqual(303, (await chat.SayAsync(bob, "before the ignore")).Status);
        ModernPage.WaitForLine(alice, "public", "before the ignore");

        alice.Click("the ignore button of bob", "#people li[data-name=bob] button.ignore");
        alice.Until("bob in the list of the ignored", () => alice.FindAll("#ignored li[data-name=bob]").Count == 1);
        alice.Until("bob's button offering to stop ignoring him", () => alice.Find("#people li[data-name=bob] button.ignore").Text == "Stop ignoring bob");
        Assert.AreEqual(303, (await chat.SayAsync(bob, "while ignored")).Status);
        chat.Server.PostNotice("after bob's line");
        ModernPage.WaitForLine(alice, "system", "after bob's line");
        CollectionAssert.DoesNotContain(ModernPage.ReadLines(alice).Select(l => l.Body).ToArray(), "while ignored");

        alice.Click("the unignore button of bob in the list of the ignored", "#ignored li[data-name=bob] button");
        alice.Until("nobody in the list of the ignored", () => alice.FindAll("#ignored li").Count == 0);
        Assert.AreEqual(303, (await chat.SayAsync(bob, "seen again")).Status);
        ModernPage.WaitForLine(alice, "public", "seen again");
        alice.Until("bob's button offering to ignore him again", () => alice.Find("#people li[data-name=bob] button.ignore").Text == "Ignore bob");
    }

    [TestMethod]
    public async Task A_colour_chosen_on_the_modern_page_shows_on_the_users_next_line()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        ModernPage.LogIn(alice, chat, "alice");

        alice.Find("#color option[value='#00707a']").Click();
        Assert.AreEqual("teal", alice.Find("#color option[value='#00707a']").Text, "the colour is named, not only shown");
        alice.Find("#color-form button[type=submit]").Click();
        ModernPage.WaitAnswered(alice);
        Assert.AreEqual(string.Empty, ModernPage.Refusal(alice));
        ModernPage.Say(alice, "in teal");

        var line = ModernPage.Line(alice, "in teal");
        Assert.AreEqual("rgba(0, 112, 122, 1)", line.FindElement(By.CssSelector(".who .swatch")).GetCssValue("background-color"));
    }

    [TestMethod]
    public async Task A_guest_finds_registration_on_the_modern_page_and_comes_back_to_it_registered()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = new PushChat.Users.InMemoryUserStore());
        using var gina = ChromiumBrowser.Launch();
        ModernPage.LogIn(gina, chat, "gina");
        Assert.AreEqual(0, gina.FindAll("#password-link").Count, "a guest has no password to change");

        gina.Click("the registration button", "#register");
        var name = gina.WaitFor("the registration form", () => gina.FindAll("#confirm").Count == 1 ? gina.Find("#name") : null);
        Assert.AreEqual("gina", name.GetDomProperty("value"));
        gina.Find("#password").SendKeys("a long secret");
        gina.Find("#confirm").SendKeys("a long secret");
        gina.Find("form button[type=submit]").Click();

        ModernPage.WaitOnline(gina);
        Assert.AreEqual(ChatRole.User, chat.Server.OnlineUsers.Single(u => u.Name == "gina").Role);
        Assert.AreEqual(0, gina.FindAll("#register").Count, "a registered user is offered no registration");
        var link = gina.Find("#password-link");
        StringAssert.StartsWith(link.GetDomProperty("href"), $"http://{chat.EndPoint}{ChatRoutes.Password}?sid=");

        var page = gina.Driver.CurrentWindowHandle;
        link.Click();
        gina.Until("the password page in a new tab", () => gina.Driver.WindowHandles.Count == 2);
        gina.Driver.SwitchTo().Window(gina.Driver.WindowHandles.Single(h => h != page));
        gina.WaitFor("the password form", () => gina.FindAll("#current").FirstOrDefault()).SendKeys("a long secret");
        gina.Find("#password").SendKeys("another secret");
        gina.Find("#confirm").SendKeys("another secret");
        gina.Find("form button[type=submit]").Click();
        gina.Until("the password changed", () => gina.FindAll("p.notice").Any(p => p.Text.StartsWith("Your password is changed", StringComparison.Ordinal)));
        gina.Driver.Close();
        gina.Driver.SwitchTo().Window(page);
        Assert.AreEqual("online", ModernPage.Status(gina), "the modern page stays online");
    }
}
