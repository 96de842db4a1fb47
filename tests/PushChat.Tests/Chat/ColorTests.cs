using System.Globalization;
using PushChat.Internal.Chat.State;
using PushChat.Rendering;
using PushChat.Tests.Infrastructure;

using PushChat.Localization;

namespace PushChat.Tests.Chat;

[TestClass]
public sealed class ColorTests
{
    [TestMethod]
    public void The_palette_has_sixteen_colours_readable_on_both_light_backgrounds()
    {
        var colors = ColorPalette.Choices(ChatLanguage.English);

        Assert.IsGreaterThanOrEqualTo(16, colors.Count);
        Assert.AreEqual(colors.Count, colors.Select(c => c.Value.ToLowerInvariant()).Distinct().Count());
        foreach (var color in colors)
        {
            foreach (var background in new[] { "#ffffff", "#f6f7fb" })
            {
                Assert.IsGreaterThanOrEqualTo(4.5, Contrast(color.Value, background), $"{color.Label} on {background}");
            }

            StringAssert.Contains(DefaultStyleSheet.Css, $".c{color.Value.Substring(1)} {{ color: {color.Value}; }}");
        }
    }

    [TestMethod]
    public async Task Color_by_command_or_picker_colours_the_next_lines_and_the_names_list()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;

        Assert.AreEqual(303, (await chat.SayAsync(ann, "/color teal")).Status);
        await chat.SayAsync(ann, "in teal");
        Assert.AreEqual(303, (await chat.TalkAsync(ann, string.Empty, color: "#7035b8")).Status);
        await chat.SayAsync(ann, "in violet");

        var text = await a.ReadStreamUntilAsync("in violet");
        StringAssert.Contains(text, "<b class=\"c00707a\">ann</b> in teal");
        StringAssert.Contains(text, "<b class=\"c7035b8\">ann</b> in violet");
        Assert.AreEqual("#7035b8", chat.Server.OnlineUsers.Single().Color);
        var talk = await chat.RequestAsync(ChatTestServer.Get($"/talk?sid={ann}"));
        StringAssert.Contains(talk.Body, "<option value=\"#7035b8\" selected>violet</option>");
    }

    [TestMethod]
    public async Task A_colour_outside_the_palette_reaches_a_custom_renderer_exactly()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;
        var posted = new TaskCompletionSource<ChatMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.MessagePosted += (_, e) => { if (e.Message.Sender == "ann") { posted.TrySetResult(e.Message); } };

        await chat.SayAsync(ann, "/color #123ABC");
        await chat.SayAsync(ann, "exact");

        Assert.AreEqual("#123abc", (await posted.Task.WaitAsync(RawHttpClient.SafetyTimeout)).SenderColor);
        StringAssert.Contains(await a.ReadStreamUntilAsync("exact"), "<b class=\"c0\">ann</b> exact", "the default look keeps its contrast");
    }

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string color)
    {
        double Channel(int start)
        {
            var c = int.Parse(color.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }
}
