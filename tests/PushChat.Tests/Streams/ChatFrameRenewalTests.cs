using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Streams;

/// <summary>A classic chat frame renews its document after a number of lines and goes on from where it was.</summary>
[TestClass]
public sealed partial class ChatFrameRenewalTests
{
    [TestMethod]
    public async Task After_its_lines_a_frame_ends_with_a_refresh_to_its_cursor_and_the_new_document_has_no_line_twice_and_none_lost()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.ChatFrameRenewAfterItems = 4);
        var ann = await chat.LoginAsync("ann");
        await using var frame = await chat.OpenChatAsync(ann, "ann joined.");
        chat.Server.PostNotice("one");
        chat.Server.PostNotice("two");
        chat.Server.PostNotice("three");
        Assert.IsTrue(await frame.ReadToEndAsync(), "the document ends");
        chat.Server.PostNotice("four, while the frame reloads");

        var refresh = Refresh().Match(frame.StreamText);
        Assert.IsTrue(refresh.Success, frame.StreamText);
        StringAssert.Contains(frame.StreamText, "three");
        var address = refresh.Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        StringAssert.StartsWith(address, $"{ChatRoutes.Chat}?sid={ann}&after=");

        await using var renewed = await chat.ConnectAsync();
        await renewed.SendAsync(ChatTestServer.Get(address));
        Assert.AreEqual(200, (await renewed.ReadResponseAsync()).Status);
        chat.Server.PostNotice("five");
        var text = await renewed.ReadStreamUntilAsync("five");

        StringAssert.Contains(text, "four, while the frame reloads");
        Assert.IsFalse(text.Contains("three", StringComparison.Ordinal), "no line twice");
        Assert.IsFalse(text.Contains("ann joined.", StringComparison.Ordinal));
        Assert.AreEqual(1, chat.Server.OnlineUsers.Count);
    }

    [TestMethod]
    public async Task A_frame_that_reloads_after_its_log_moved_on_too_far_says_how_many_lines_it_missed()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Limits.ChatFrameRenewAfterItems = 2;
            o.HistoryLength = 5;
        });
        var ann = await chat.LoginAsync("ann");
        await using var frame = await chat.OpenChatAsync(ann, "ann joined.");
        chat.Server.PostNotice("one");
        Assert.IsTrue(await frame.ReadToEndAsync());
        var address = Refresh().Match(frame.StreamText).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        for (var i = 1; i <= 8; i++)
        {
            chat.Server.PostNotice($"away {i}");
        }

        await using var renewed = await chat.ConnectAsync();
        await renewed.SendAsync(ChatTestServer.Get(address));
        Assert.AreEqual(200, (await renewed.ReadResponseAsync()).Status);
        var text = await renewed.ReadStreamUntilAsync("away 8");

        StringAssert.Contains(text, "3 lines were missed while this frame reloaded.");
        StringAssert.Contains(text, "away 4");
        Assert.IsFalse(text.Contains("away 3", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task A_frame_address_with_a_malformed_position_gets_a_page_saying_so()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann");
        var response = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Chat}?sid={ann}&after=12:x"));

        Assert.AreEqual(400, response.Status);
        StringAssert.Contains(response.Body, "not one the chat gave out");
    }

    [GeneratedRegex("<meta http-equiv=\"refresh\" content=\"0; url=([^\"]+)\">")]
    private static partial Regex Refresh();
}
