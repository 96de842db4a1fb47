using OpenQA.Selenium;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Browser;

/// <summary>
/// A person with a keyboard and no mouse logs in, says a line, whispers and leaves, in the classic
/// frames and on the modern page: only Tab, Shift+Tab, arrows, Enter and typing, every focused control
/// shows its focus, and the modern page's order goes message box, online list, room actions.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class KeyboardOnlyBrowserTests
{
    [TestMethod]
    public async Task A_keyboard_user_logs_in_says_a_line_whispers_and_leaves_in_the_classic_frames()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob);
        using var browser = ChromiumBrowser.Launch();
        var keys = new KeyboardUser(browser);

        LogIn(browser, keys, chat, "ada", modern: false);
        keys.WaitForFocus("the talk box after the frameset loaded", f => f is { Frame: "talk", Id: "text" });
        ClassicFrames.WaitForLine(browser, "ada joined.");

        Send(browser, keys, "hello by keyboard");
        ClassicFrames.WaitForLine(browser, "ada hello by keyboard");
        await bobChat.ReadStreamUntilAsync("hello by keyboard");

        // The whisper link beside bob in the names frame, the frame after the talk frame.
        keys.TabTo("the link to whisper to bob", f => f is { Frame: "names", Tag: "a" } && f.Text.Contains("bob", StringComparison.Ordinal));
        keys.Press(Keys.Enter);
        browser.EnterFrame("talk");
        browser.Until("the talk frame addressed to bob", () => browser.Script("const to = document.getElementById('to'); return to && to.value;") as string == "bob");
        keys.TabTo("the talk box, back from the names frame", f => f is { Frame: "talk", Id: "text" }, backwards: true);
        Send(browser, keys, "psst");
        ClassicFrames.WaitForLine(browser, "ada to bob, privately: psst");
        await bobChat.ReadStreamUntilAsync("psst");

        keys.TabTo("the leave button", f => f is { Frame: "talk", Tag: "button", Region: "leave" });
        keys.Press(Keys.Enter);
        browser.Until("the login page after leaving", () => browser.TopUrl.AbsolutePath == ChatRoutes.Home && browser.FindAll("#name").Count == 1);
        await bobChat.ReadStreamUntilAsync("ada left.");

        AssertKeyboardOnly(keys);
    }

    [TestMethod]
    public async Task A_keyboard_user_logs_in_says_a_line_whispers_and_leaves_on_the_modern_page()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob);
        using var browser = ChromiumBrowser.Launch();
        var keys = new KeyboardUser(browser);

        LogIn(browser, keys, chat, "ada", modern: true);
        ModernPage.WaitOnline(browser);
        keys.WaitForFocus("the message box once the page is up", f => f.Id == "text");
        browser.Until("bob in the online list", () => ModernPage.OnlineNames(browser).Contains("bob"));

        keys.Press("hello by keyboard" + Keys.Enter);
        ModernPage.WaitForLine(browser, "public", "hello by keyboard");
        await bobChat.ReadStreamUntilAsync("hello by keyboard");

        var order = keys.Visited.Count;
        keys.TabTo("the whisper button beside bob", f => f is { Tag: "button", Region: "people" } && f.Text.Contains("bob", StringComparison.Ordinal));
        keys.Press(Keys.Enter);
        keys.WaitForFocus("the message box, addressed to bob", f => f.Id == "text");
        browser.Until("the message box addressed to bob", () => browser.Script("return document.getElementById('to').value;") as string == "bob");
        keys.Press("psst" + Keys.Enter);
        ModernPage.WaitForLine(browser, "whisper", "psst");
        await bobChat.ReadStreamUntilAsync("psst");

        keys.TabTo("the leave button", f => f is { Tag: "button", Region: "leave" });
        var regions = keys.Visited.Skip(order - 1).Select(v => v.Contains("#text ", StringComparison.Ordinal) ? "message box" : v.Contains("[people]", StringComparison.Ordinal) ? "online list" : v.Contains("[rooms]", StringComparison.Ordinal) ? "room actions" : v.Contains("[leave]", StringComparison.Ordinal) ? "leave" : null)
            .OfType<string>().Distinct().ToArray();
        CollectionAssert.AreEqual(new[] { "message box", "online list", "room actions", "leave" }, regions, "the tab order, through:\n  " + string.Join("\n  ", keys.Visited));
        keys.Press(Keys.Enter);
        browser.Until("the login page after leaving", () => browser.TopUrl.AbsolutePath == ChatRoutes.Home && browser.FindAll("#name").Count == 1);
        await bobChat.ReadStreamUntilAsync("ada left.");

        AssertKeyboardOnly(keys);
    }

    [TestMethod]
    public async Task The_focus_stays_on_a_whisper_button_when_the_online_list_is_drawn_again()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob);
        using var browser = ChromiumBrowser.Launch();
        var keys = new KeyboardUser(browser);
        LogIn(browser, keys, chat, "ada", modern: true);
        ModernPage.WaitOnline(browser);
        browser.Until("bob in the online list", () => ModernPage.OnlineNames(browser).Contains("bob"));
        keys.WaitForFocus("the message box once the page is up", f => f.Id == "text");
        keys.TabTo("the whisper button beside bob", f => f is { Tag: "button", Region: "people" } && f.Text.Contains("bob", StringComparison.Ordinal));

        var cy = await chat.LoginAsync("cy");
        await using var cyChat = await chat.OpenChatAsync(cy);
        browser.Until("cy in the online list", () => ModernPage.OnlineNames(browser).Contains("cy"));

        var focus = keys.Current();
        Assert.IsNotNull(focus, "the focus was lost when the list was drawn again");
        Assert.AreEqual("people", focus.Region, focus.ToString());
        StringAssert.Contains(focus.Text, "bob");
    }

    /// <summary>From the login page's autofocus: the name, Tab past the password to the choice of page (arrows pick), Tab to the button, Enter.</summary>
    private static void LogIn(ChromiumBrowser browser, KeyboardUser keys, ChatTestServer chat, string name, bool modern)
    {
        browser.GoTo(ClassicFrames.Home(chat));
        keys.WaitForFocus("the name box of the login page", f => f.Id == "name");
        keys.Press(name);
        keys.TabTo("the password box", f => f.Id == "password");
        keys.TabTo("the choice of chat page", f => f.Name == "ui");
        if (modern)
        {
            keys.Press(Keys.ArrowDown);
            browser.Until("the modern page chosen", () => browser.Script("return document.querySelector('input[name=ui]:checked').value;") as string == "modern");
        }

        keys.TabTo("the button that enters the chat", f => f is { Tag: "button" });
        keys.Press(Keys.Enter);
    }

    /// <summary>Types a line into the talk frame's box and Enter, and waits for the new, empty talk form with the focus in its box.</summary>
    private static void Send(ChromiumBrowser browser, KeyboardUser keys, string text)
    {
        browser.EnterFrame("talk");
        browser.Script("window.pushChatPostedFromHere = true;");
        keys.Press(text + Keys.Enter);
        browser.EnterFrame("talk");
        browser.Until($"the talk form after '{text}'", () => browser.Script("return window.pushChatPostedFromHere ? null : " + ClassicFrames.TalkFormState) as string is { } state && state.StartsWith("empty:", StringComparison.Ordinal));
        keys.WaitForFocus("the talk box after the post", f => f is { Frame: "talk", Id: "text" });
    }

    private static void AssertKeyboardOnly(KeyboardUser keys)
    {
        Assert.AreEqual(0, keys.Unseen.Count, "focused without a visible focus:\n  " + string.Join("\n  ", keys.Unseen));
        Assert.AreEqual(0, keys.MouseEvents, "mouse or pointer events");
    }
}
