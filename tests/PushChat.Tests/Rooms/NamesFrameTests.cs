using PushChat.Internal.Chat.Services;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Rooms;

/// <summary>
/// The names frame stays open and is sent a fresh copy of its list when the room's presence
/// changes, at most one per room every <see cref="NamesFrames.CoalescingDelay"/>; it has no timed
/// refresh, and a session cannot hold more than a few of them.
/// </summary>
[TestClass]
public sealed class NamesFrameTests
{
    private const string Refresh = "http-equiv=\"refresh\"";

    [TestMethod]
    public async Task A_join_arrives_as_a_new_list_on_the_open_names_frame()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var names = await chat.OpenNamesAsync(alice);
        StringAssert.Contains(ChatTestServer.LastNamesList(names.StreamText), ">alice</b>");
        Assert.IsFalse(names.StreamText.Contains(">bob</b>", StringComparison.Ordinal), "bob is not there yet");

        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob);
        chat.Time.Advance(NamesFrames.CoalescingDelay);

        var text = await names.ReadStreamUntilAsync(t => ChatTestServer.LastNamesList(t).Contains(">bob</b>", StringComparison.Ordinal), "a list with bob");
        var last = ChatTestServer.LastNamesList(text);
        StringAssert.Contains(last, ">alice</b>");
        StringAssert.Contains(last, "<small>(2)</small>");
        Assert.AreEqual(2, ChatTestServer.NamesListCount(text), text);
        Assert.IsFalse(text.Contains(Refresh, StringComparison.Ordinal), "the names frame does not reload itself: " + text);
    }

    [TestMethod]
    public async Task A_leave_and_a_move_arrive_as_a_new_list()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        var bob = await chat.LoginAsync("bob");
        var carol = await chat.LoginAsync("carol");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var bobChat = await chat.OpenChatAsync(bob);
        await using var carolChat = await chat.OpenChatAsync(carol);
        await using var names = await chat.OpenNamesAsync(alice);
        StringAssert.Contains(ChatTestServer.LastNamesList(names.StreamText), ">carol</b>");

        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Join, $"sid={bob}&room=Garden"))).Status);
        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={carol}"))).Status);
        chat.Time.Advance(NamesFrames.CoalescingDelay);

        var text = await names.ReadStreamUntilAsync(t => !ChatTestServer.LastNamesList(t).Contains(">carol</b>", StringComparison.Ordinal), "a list without carol");
        var last = ChatTestServer.LastNamesList(text);
        StringAssert.Contains(last, ">alice</b>");
        Assert.IsFalse(last.Contains(">bob</b>", StringComparison.Ordinal), "bob went to the garden: " + last);
        StringAssert.Contains(last, "value=\"Garden\">Garden</button> <small>(1)</small>", "the room list shows where bob went");
        Assert.IsFalse(text.Contains(Refresh, StringComparison.Ordinal), text);
    }

    [TestMethod]
    public async Task Changes_close_together_make_one_list_per_room_after_the_delay()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var names = await chat.OpenNamesAsync(alice);
        var frames = chat.Server.Engine!.Names;

        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob);
        chat.Time.Advance(TimeSpan.FromSeconds(1));
        await names.ReadStreamUntilAsync(t => ChatTestServer.LastNamesList(t).Contains(">bob</b>", StringComparison.Ordinal), "a list with bob");
        var sent = frames.ListsSent;

        var carol = await chat.LoginAsync("carol");
        await using var carolChat = await chat.OpenChatAsync(carol);
        var dave = await chat.LoginAsync("dave");
        await using var daveChat = await chat.OpenChatAsync(dave);
        chat.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(sent, frames.ListsSent, "a second change within the delay waits");

        chat.Time.Advance(NamesFrames.CoalescingDelay);
        var text = await names.ReadStreamUntilAsync(t => ChatTestServer.LastNamesList(t).Contains(">dave</b>", StringComparison.Ordinal), "a list with dave");
        StringAssert.Contains(ChatTestServer.LastNamesList(text), ">carol</b>");
        Assert.AreEqual(sent + 1, frames.ListsSent, "carol and dave came in one list");
        Assert.AreEqual(3, ChatTestServer.NamesListCount(text), text);
    }

    [TestMethod]
    public async Task A_quiet_names_frame_is_kept_alive_like_a_chat_frame()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var names = await chat.OpenNamesAsync(alice);

        chat.Time.Advance(chat.Server.Engine!.Options.KeepAliveInterval);

        var text = await names.ReadStreamUntilAsync("<!-- -->");
        Assert.AreEqual(1, ChatTestServer.NamesListCount(text), "nothing changed, so no new list: " + text);
    }

    [TestMethod]
    public async Task A_session_holds_only_a_few_names_frames_and_a_new_one_ends_the_oldest()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        var opened = new List<RawHttpClient>();
        try
        {
            for (var i = 0; i < NamesFrames.MaxPerSession + 1; i++)
            {
                opened.Add(await chat.OpenNamesAsync(alice));
            }

            Assert.IsTrue(await opened[0].ReadToEndAsync().WaitAsync(RawHttpClient.SafetyTimeout), "the oldest names frame ends");
            StringAssert.EndsWith(opened[0].StreamText.TrimEnd(), "</html>", "it ends its document");
            Assert.AreEqual(NamesFrames.MaxPerSession, chat.Server.Engine!.Names.OpenCount);
        }
        finally
        {
            foreach (var client in opened)
            {
                await client.DisposeAsync();
            }
        }
    }

    [TestMethod]
    public async Task The_names_frame_ends_with_its_session()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var names = await chat.OpenNamesAsync(alice);

        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={alice}"))).Status);
        chat.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.IsTrue(await names.ReadToEndAsync().WaitAsync(RawHttpClient.SafetyTimeout), "the names frame ends");
        Assert.AreEqual(0, chat.Server.Engine!.Names.OpenCount);
    }

    [TestMethod]
    public async Task A_names_frame_renews_its_document_after_many_lists()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var names = await chat.OpenNamesAsync(alice);

        for (var i = 1; i < NamesFrames.RenewAfterLists; i++)
        {
            // Slow enough for the colour budget (ten changes a minute); the clock does not pass
            // the close's linger after the last list, which would cut the document's end off.
            chat.Time.Advance(TimeSpan.FromSeconds(6));
            var color = i % 2 == 0 ? "blue" : "red";
            var set = chat.Server.Engine!.Commands.Rooms.SetColor(alice, color);
            Assert.IsTrue(set.IsDone, $"{i}: {set.Refusal?.Message}");
            chat.Time.Advance(TimeSpan.FromSeconds(1));
            await names.ReadStreamUntilAsync(t => ChatTestServer.NamesListCount(t) == i + 1, $"list {i + 1}");
        }

        Assert.IsTrue(await names.ReadToEndAsync().WaitAsync(RawHttpClient.SafetyTimeout), "the document ends");
        var text = names.StreamText;
        Assert.AreEqual(NamesFrames.RenewAfterLists, ChatTestServer.NamesListCount(text));
        StringAssert.Contains(text[text.LastIndexOf(ChatTestServer.NamesListEnd, StringComparison.Ordinal)..], $"<meta http-equiv=\"refresh\" content=\"0; url={ChatRoutes.Names}?sid={alice}\">");
    }
}
