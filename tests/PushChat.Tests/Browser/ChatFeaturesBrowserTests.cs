using PushChat.Tests.Infrastructure;
using static PushChat.Tests.Browser.ClassicFrames;

namespace PushChat.Tests.Browser;

/// <summary>
/// The chat's features as three people use them in the frameset without typing a script:
/// whispering, acting, ignoring, picking a colour, changing rooms.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class ChatFeaturesBrowserTests
{
    [TestMethod]
    public async Task Three_people_whisper_act_ignore_and_pick_a_colour_in_the_frames()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync(options => options.MessageFilters.Clear());
        using var ann = ChromiumBrowser.Launch();
        using var ben = ChromiumBrowser.Launch();
        using var cy = ChromiumBrowser.Launch();
        LogIn(ann, chat, "ann");
        LogIn(ben, chat, "ben");
        LogIn(cy, chat, "cy");
        WaitForLine(ann, "cy joined.");
        SendNewNames(chat);

        // "whisper" beside ben in the names frame sets the talk form up: ben and ann see the line, cy never does.
        ann.EnterFrame("names");
        ann.Click("the whisper link beside ben", $"{NamesNow} a[aria-label='whisper to ben']");
        ann.EnterFrame("talk");
        ann.Until("the talk form set to whisper to ben", () => (bool)ann.Script("return document.querySelector('#to')?.value === 'ben' && document.querySelector('input[name=private]').checked;")!);
        SubmitTalk(ann, "psst, ben");
        WaitForLine(ben, "ann to ben, privately: psst, ben");
        WaitForLine(ann, "ann to ben, privately: psst, ben");
        Say(ben, "public marker", cy);
        Assert.IsFalse(ReadLines(cy).Any(l => l.Text.Contains("psst", StringComparison.Ordinal)));

        // A canned action toward someone.
        SubmitTalk(ben, string.Empty, ("action", "wave"), ("to", "ann"));
        foreach (var reader in new[] { ann, ben, cy })
        {
            WaitForLine(reader, "* ben waves to ann");
        }

        // cy ignores ann from the names frame; ann's next line never reaches cy, ben's does.
        cy.EnterFrame("names");
        cy.Click("the ignore button beside ann", $"{NamesNow} button[aria-label='ignore ann']");
        cy.Until("the unignore button beside ann", () => cy.FindAll($"{NamesNow} button[aria-label='unignore ann']").Count == 1);
        SubmitTalk(ann, "cy cannot read this", ("to", string.Empty));
        WaitForLine(ben, "ann cy cannot read this");
        Say(ben, "but this one", cy);
        Assert.IsFalse(ReadLines(cy).Any(l => l.Text.Contains("cy cannot read this", StringComparison.Ordinal)));

        // ben picks teal; his next line shows in it.
        ben.EnterFrame("talk");
        ben.Script("window.pushChatPostedFromHere = true; document.querySelector('#color').value = '#00707a';");
        ben.Find("form.color button[type=submit]").Click();
        ben.Until("the talk frame after the colour change", () => ben.Script("return window.pushChatPostedFromHere ? null : document.querySelector('#color').value") as string == "#00707a");
        Say(ben, "now in teal", ann);
        var color = ann.Script("""
            const line = Array.from(document.querySelectorAll('.log p.line')).find(p => p.textContent.endsWith('now in teal'));
            return getComputedStyle(line.querySelector('b')).color;
            """) as string;
        Assert.AreEqual("rgb(0, 112, 122)", color);

        // ann moves to a new room from the talk box; the same chat frame goes on there, and the lobby no longer hears her.
        SubmitTalk(ann, "/join Garden");
        WaitForLine(ben, "ann went to Garden.");
        Say(ann, "among the roses", ann);
        Say(ben, "still in the lobby", ben);
        Assert.IsFalse(ReadLines(ben).Any(l => l.Text.Contains("among the roses", StringComparison.Ordinal)));
        ann.EnterFrame("chat");
        Assert.IsFalse(ReadLines(ann).Any(l => l.Text.Contains("still in the lobby", StringComparison.Ordinal)));
    }

    /// <summary>Fills the talk form (the text and any pickers) and sends it; waits until the talk frame came back without an error.</summary>
    private static void SubmitTalk(ChromiumBrowser speaker, string text, params (string Select, string Value)[] picks)
    {
        speaker.EnterFrame("talk");
        speaker.WaitFor("the talk form", () => speaker.FindAll("form.say #text").FirstOrDefault());
        speaker.Script("window.pushChatPostedFromHere = true;");
        foreach (var (select, value) in picks)
        {
            Assert.IsTrue((bool)speaker.Script("const s = document.querySelector('#' + arguments[0]); s.value = arguments[1]; return s.value === arguments[1];", select, value)!, $"{value} is not offered in #{select}");
        }

        speaker.Find("form.say #text").SendKeys(text);
        speaker.Find("form.say button[type=submit]").Click();
        var after = speaker.WaitFor("the talk form after the post", () => speaker.Script("return window.pushChatPostedFromHere ? null : " + TalkFormState) as string);
        StringAssert.StartsWith(after, "empty:", after);
    }
}
