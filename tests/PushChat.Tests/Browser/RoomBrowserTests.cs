using PushChat.Tests.Infrastructure;
using static PushChat.Tests.Browser.ClassicFrames;

namespace PushChat.Tests.Browser;

/// <summary>Rooms in the classic frames, as a person uses them in a real Chromium with its frames and forms.</summary>
[TestClass]
[TestCategory("Browser")]
public sealed class RoomBrowserTests
{
    [TestMethod]
    public async Task Users_open_and_join_a_room_from_the_names_frame_and_the_chat_frame_follows()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var alice = ChromiumBrowser.Launch();
        using var bob = ChromiumBrowser.Launch();
        LogIn(alice, chat, "alice");
        LogIn(bob, chat, "bob");

        alice.EnterFrame("names");

        // A new list between typing and sending replaces the form, so the step is tried again
        // until the frame shows the garden.
        alice.Until("the names frame of the garden", () =>
        {
            if (InGarden(alice))
            {
                return true;
            }

            var box = alice.Find($"{NamesNow} form.new-room input[name=room]");
            box.Clear();
            box.SendKeys("Garden");
            alice.Find($"{NamesNow} form.new-room button[type=submit]").Click();
            return false;
        });
        WaitForLine(bob, "alice went to Garden.");
        SendNewNames(chat);

        bob.EnterFrame("names");
        bob.Until("the names frame of the garden after pressing its join button", () =>
        {
            if (InGarden(bob))
            {
                return true;
            }

            bob.Find($"{NamesNow} button[name=room][value=Garden]").Click();
            return false;
        });
        WaitForLine(alice, "bob joined.");

        alice.EnterFrame("chat");
        var lines = ReadLines(alice);
        var moved = lines.FindLastIndex(l => l.Text == "alice went to Garden.");
        CollectionAssert.AreEqual(
            new[] { "1|alice joined.", "2|bob joined." },
            lines.Skip(moved + 1).Select(l => l.Id + "|" + l.Text).ToArray(),
            "the same chat frame goes on with the garden's own lines");
        bob.EnterFrame("chat");
        var bobLines = ReadLines(bob).Select(l => l.Id + "|" + l.Text).ToList();
        var bobMoved = bobLines.FindLastIndex(l => l.EndsWith("|bob went to Garden.", StringComparison.Ordinal));
        Assert.IsGreaterThan(bobLines.FindIndex(l => l.EndsWith("|alice went to Garden.", StringComparison.Ordinal)), bobMoved, "bob's frame still holds the lobby's lines: it was not reloaded");
        CollectionAssert.AreEqual(new[] { "1|alice joined.", "2|bob joined." }, bobLines.Skip(bobMoved + 1).ToArray(), "the garden's history, then bob's arrival");
        bob.EnterFrame("names");
        bob.Until("bob's names frame in the garden", () => InGarden(bob));
    }

    private static bool InGarden(ChromiumBrowser names) =>
        names.FindAll($"{NamesNow} h2").FirstOrDefault()?.Text.StartsWith("Garden", StringComparison.Ordinal) == true;
}
