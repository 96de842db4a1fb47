using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Push;
using PushChat.Tests.Infrastructure;
using PushChat.Localization;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class ChatStateTests
{
    [TestMethod]
    public async Task A_private_line_reaches_only_its_sessions_and_is_replayed_to_no_one_else()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (alice, bob, carol) = (await chat.LoginAsync("alice"), await chat.LoginAsync("bob"), await chat.LoginAsync("carol"));
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        await using var carolChat = await chat.OpenChatAsync(carol, "carol joined.");
        var state = chat.Server.Engine!.State;

        state.Apply(new LinePosted("Lobby", ChatMessageKind.Public, "alice", "#336699", "psst, bob", LineAudience.Sessions(alice, bob)));
        chat.Server.PostNotice("after the whisper");

        StringAssert.Contains(await bobChat.ReadStreamUntilAsync("after the whisper"), "psst, bob");
        StringAssert.Contains(await aliceChat.ReadStreamUntilAsync("after the whisper"), "psst, bob");
        Assert.IsFalse((await carolChat.ReadStreamUntilAsync("after the whisper")).Contains("psst", StringComparison.Ordinal));
        var dave = await chat.LoginAsync("dave");
        await using var daveChat = await chat.OpenChatAsync(dave, "dave joined.");
        Assert.IsFalse(daveChat.StreamText.Contains("psst", StringComparison.Ordinal), "history replay keeps private lines private");
        await using var bobAgain = await chat.OpenChatAsync(bob, "dave joined.");
        StringAssert.Contains(bobAgain.StreamText, "psst, bob", "its own sessions get it again on replay");
    }

    [TestMethod]
    public async Task Lines_of_an_ignored_user_are_not_delivered_or_replayed_to_the_ignorer()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (alice, bob) = (await chat.LoginAsync("alice"), await chat.LoginAsync("bob"));
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        var state = chat.Server.Engine!.State;
        Assert.AreEqual(303, (await chat.SayAsync(bob, "before ignoring")).Status);

        state.Apply(new IgnoreChanged(alice, "BOB", Ignore: true));
        Assert.AreEqual(303, (await chat.SayAsync(bob, "while ignored")).Status);
        chat.Server.PostNotice("marker");

        var live = await aliceChat.ReadStreamUntilAsync("marker");
        StringAssert.Contains(live, "before ignoring");
        Assert.IsFalse(live.Contains("while ignored", StringComparison.Ordinal));
        StringAssert.Contains(await bobChat.ReadStreamUntilAsync("marker"), "while ignored", "the ignored user is not told");
        await using var aliceAgain = await chat.OpenChatAsync(alice, "marker");
        Assert.IsFalse(aliceAgain.StreamText.Contains("while ignored", StringComparison.Ordinal), "nor replayed");
        Assert.IsFalse(aliceAgain.StreamText.Contains("before ignoring", StringComparison.Ordinal), "an ignore hides the user's earlier lines on replay too");
    }

    [TestMethod]
    public async Task A_move_keeps_the_stream_and_each_room_numbers_its_own_lines()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (alice, bob) = (await chat.LoginAsync("alice"), await chat.LoginAsync("bob"));
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        var state = chat.Server.Engine!.State;
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.UserLeft += (_, _) => left.TrySetResult();

        state.Apply(new RoomCreated("Garden", Owner: null, Topic: null, Permanent: false));
        state.Apply(new SessionMoved(alice, "Garden"));
        Assert.AreEqual(303, (await chat.SayAsync(alice, "hello garden")).Status);
        chat.Server.PostNotice("lobby only");

        StringAssert.Contains(await aliceChat.ReadStreamUntilAsync("hello garden"), "alice joined.");
        var lobby = await bobChat.ReadStreamUntilAsync("lobby only");
        StringAssert.Contains(lobby, "alice went to Garden.");
        Assert.IsFalse(lobby.Contains("hello garden", StringComparison.Ordinal));
        var rooms = chat.Server.Rooms;
        CollectionAssert.AreEqual(new[] { "Lobby", "Garden" }, rooms.Select(r => r.Name).ToArray());
        Assert.AreEqual(2, rooms[1].LastSequence, "Garden's own numbering: the join, then the line");
        Assert.AreEqual("Garden", chat.Server.OnlineUsers.Single(u => u.Name == "alice").Room);
        Assert.IsFalse(left.Task.IsCompleted, "a move is not a leave");
    }

    [TestMethod]
    public async Task A_deleted_line_leaves_the_history_and_history_answers_lines_after_a_sequence()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var state = chat.Server.Engine!.State;
        var first = chat.Server.PostNotice("first");
        var second = chat.Server.PostNotice("second");
        chat.Server.PostNotice("third");

        Assert.IsFalse(state.Apply(new LineDeleted("Lobby", second.Sequence)).IsRefused);

        var room = state.Rooms.Default;
        CollectionAssert.AreEqual(new[] { "third" }, room.LinesAfter(second.Sequence).Select(l => l.Message.Text).ToArray());
        CollectionAssert.AreEqual(new[] { "first", "third" }, room.LinesAfter(0).Select(l => l.Message.Text).ToArray());
        Assert.AreEqual(1, first.Sequence);
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");
        Assert.IsFalse(reader.StreamText.Contains("second", StringComparison.Ordinal));
        Assert.IsTrue(state.Apply(new LineDeleted("Lobby", 999)).IsRefused);
    }

    [TestMethod]
    public async Task A_line_is_encoded_once_and_its_bytes_shared_by_every_reader()
    {
        var renderer = new CountingRenderer();
        await using var chat = await ChatTestServer.StartAsync(o => o.PageRenderer = renderer);
        var readers = new List<RawHttpClient>();
        for (var i = 0; i < 5; i++)
        {
            var sid = await chat.LoginAsync("user" + i);
            readers.Add(await chat.OpenChatAsync(sid, $"user{i} joined."));
        }

        var before = renderer.Lines;
        chat.Server.PostNotice("to everyone");
        foreach (var reader in readers)
        {
            await reader.ReadStreamUntilAsync("to everyone");
            await reader.DisposeAsync();
        }

        Assert.AreEqual(before + 1, renderer.Lines);
    }

    private sealed class CountingRenderer : PushChat.Rendering.DefaultPageRenderer
    {
        private int _lines;

        public int Lines => Volatile.Read(ref _lines);

        public override string RenderLine(ChatMessage message, ChatLanguage language)
        {
            Interlocked.Increment(ref _lines);
            return base.RenderLine(message, language);
        }
    }
}
