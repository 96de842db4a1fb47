using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Streams;

/// <summary>Server-Sent Events at /events: the stream's shape, cursor ids, and exact resume after a drop.</summary>
[TestClass]
public sealed class EventStreamTests
{
    private static Task<ChatTestServer> StartAsync(int history = 100) => ChatTestServer.StartAsync(o =>
    {
        o.MessageFilters.Clear();
        o.Limits.MaxLinesPerAddress = 0;
        o.HistoryLength = history;
    });

    [TestMethod]
    public async Task The_stream_starts_with_retry_the_room_its_presence_and_history_then_live_lines_each_with_a_cursor_id()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        chat.Server.PostNotice("before ann reads");
        var (events, head) = await ServerSentEvents.OpenAsync(chat, ann);
        await using var _ = events;

        // The response's head may come before the stream joined: the live line waits for the join.
        await ServerSentEvents.ReadUntilLineAsync(events, "ann joined.");
        chat.Server.PostNotice("live line");
        var received = await ServerSentEvents.ReadUntilLineAsync(events, "live line");

        Assert.AreEqual(200, head.Status);
        Assert.AreEqual("text/event-stream; charset=utf-8", head.Headers["Content-Type"]);
        Assert.AreEqual("no-cache, no-transform", head.Headers["Cache-Control"]);
        Assert.AreEqual("no", head.Headers["X-Accel-Buffering"]);
        StringAssert.StartsWith(events.StreamText, "retry: 2000\n\n");
        Assert.AreEqual("room", received[0].Name);
        Assert.AreEqual("Lobby", received[0].Json.GetProperty("room").GetString());
        Assert.AreEqual("presence", received[1].Name);
        Assert.AreEqual("ann", received[1].Json.GetProperty("users")[0].GetProperty("name").GetString());
        var lines = received.Where(e => e.Name == "line").ToList();
        CollectionAssert.AreEqual(new[] { "before ann reads", "ann joined.", "live line" }, lines.Select(e => e.Text).ToArray());
        foreach (var line in lines)
        {
            var position = line.Json.GetProperty("position").GetString()!;
            Assert.AreEqual("room", line.Json.GetProperty("log").GetString());
            StringAssert.StartsWith(line.Id, position + ",", "the id is the cursor: this line's room position, then the mailbox's");
        }
    }

    [TestMethod]
    public async Task A_reconnect_with_Last_Event_ID_gets_exactly_the_items_after_it_in_both_logs()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        var ben = await chat.LoginAsync("ben");
        await using var benChat = await chat.OpenChatAsync(ben);
        var (first, _) = await ServerSentEvents.OpenAsync(chat, ann);
        for (var i = 1; i <= 3; i++)
        {
            chat.Server.PostNotice($"line {i}");
        }

        var seen = await ServerSentEvents.ReadUntilLineAsync(first, "line 3");
        var lastId = seen.Last(e => e.Id is not null).Id!;
        await first.DisposeAsync();

        // While ann is away: a room line, a whisper to her, another room line.
        chat.Server.PostNotice("line 4");
        var whisper = await chat.TalkAsync(ben, "psst", to: "ann", isPrivate: true);
        Assert.AreEqual(303, whisper.Status, whisper.Body);
        chat.Server.PostNotice("line 5");
        var (again, head) = await ServerSentEvents.OpenAsync(chat, ann, lastEventId: lastId);
        await using var _ = again;
        chat.Server.PostNotice("line 6");
        var resumed = await ServerSentEvents.ReadUntilLineAsync(again, "line 6");

        Assert.AreEqual(200, head.Status);
        var texts = resumed.Where(e => e.Name == "line").Select(e => e.Text).ToArray();
        CollectionAssert.AreEqual(new[] { "line 4", "psst", "line 5", "line 6" }, texts, string.Join(" | ", texts));
        Assert.IsFalse(resumed.Any(e => e.Name == "missed"));
        Assert.AreEqual("mailbox", resumed.Single(e => e.Text == "psst").Json.GetProperty("log").GetString());
    }

    [TestMethod]
    public async Task Resuming_at_the_logs_head_gets_only_what_comes_next()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        var (first, _) = await ServerSentEvents.OpenAsync(chat, ann);
        chat.Server.PostNotice("the newest");
        var lastId = (await ServerSentEvents.ReadUntilLineAsync(first, "the newest")).Last(e => e.Id is not null).Id!;
        await first.DisposeAsync();

        var (again, _) = await ServerSentEvents.OpenAsync(chat, ann, lastEventId: lastId);
        await using var _ = again;
        chat.Server.PostNotice("next");
        var resumed = await ServerSentEvents.ReadUntilLineAsync(again, "next");

        CollectionAssert.AreEqual(new[] { "next" }, resumed.Where(e => e.Name == "line").Select(e => e.Text).ToArray());
    }

    [TestMethod]
    public async Task A_cursor_the_log_no_longer_reaches_gets_a_missed_event_with_the_count_then_what_is_kept()
    {
        await using var chat = await StartAsync(history: 5);
        var ann = await chat.LoginAsync("ann");
        var (first, _) = await ServerSentEvents.OpenAsync(chat, ann);
        chat.Server.PostNotice("seen");
        var lastId = (await ServerSentEvents.ReadUntilLineAsync(first, "seen")).Last(e => e.Id is not null).Id!;
        await first.DisposeAsync();
        for (var i = 1; i <= 8; i++)
        {
            chat.Server.PostNotice($"away {i}");
        }

        var (again, _) = await ServerSentEvents.OpenAsync(chat, ann, after: lastId);
        await using var _ = again;
        var resumed = await ServerSentEvents.ReadUntilLineAsync(again, "away 8");

        var missed = resumed.Single(e => e.Name == "missed").Json;
        Assert.AreEqual("room", missed.GetProperty("log").GetString());
        Assert.AreEqual(3, missed.GetProperty("count").GetInt64(), "8 lines came, 5 are kept");
        Assert.IsFalse(missed.GetProperty("reset").GetBoolean());
        CollectionAssert.AreEqual(new[] { "away 4", "away 5", "away 6", "away 7", "away 8" }, resumed.Where(e => e.Name == "line").Select(e => e.Text).ToArray());
    }

    [TestMethod]
    public async Task A_cursor_from_another_life_of_the_log_gets_a_reset_never_lines_read_at_the_wrong_place()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        var (first, _) = await ServerSentEvents.OpenAsync(chat, ann);
        chat.Server.PostNotice("kept");
        var id = (await ServerSentEvents.ReadUntilLineAsync(first, "kept")).Last(e => e.Id is not null).Id!;
        await first.DisposeAsync();

        // The same numbers in an epoch this server never gave out: a restarted server's, or a re-created room's.
        var staleRoom = "1:1," + id.Split(',')[1];
        var (again, _) = await ServerSentEvents.OpenAsync(chat, ann, lastEventId: staleRoom);
        await using var _ = again;
        var resumed = await ServerSentEvents.ReadUntilLineAsync(again, "kept");

        var missed = resumed.Single(e => e.Name == "missed").Json;
        Assert.IsTrue(missed.GetProperty("reset").GetBoolean());
        Assert.AreEqual(-1, missed.GetProperty("count").GetInt64());
        Assert.AreEqual(1, resumed.Count(e => e.Text == "kept"), "everything kept follows, from the log's start");
    }

    [TestMethod]
    public async Task A_cursor_in_a_room_that_was_closed_and_opened_again_gets_a_reset_and_the_new_rooms_lines_only()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        chat.Server.CreateRoom("Garden");
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/join Garden")).Status);
        var (first, _) = await ServerSentEvents.OpenAsync(chat, ann);
        chat.Server.PostNotice("Garden", "old garden line");
        var id = (await ServerSentEvents.ReadUntilLineAsync(first, "old garden line")).Last(e => e.Id is not null).Id!;
        await first.DisposeAsync();

        // The room closes (ann goes to the Lobby), opens again with a new log, and ann goes back.
        Assert.IsTrue(chat.Server.CloseRoom("Garden"));
        chat.Server.CreateRoom("Garden");
        chat.Server.PostNotice("Garden", "new garden line");
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/join Garden")).Status);
        var (again, _) = await ServerSentEvents.OpenAsync(chat, ann, lastEventId: id);
        await using var _ = again;
        var resumed = await ServerSentEvents.ReadUntilLineAsync(again, "new garden line");

        var missed = resumed.Single(e => e.Name == "missed" && e.Json.GetProperty("log").GetString() == "room").Json;
        Assert.IsTrue(missed.GetProperty("reset").GetBoolean());
        Assert.IsFalse(resumed.Any(e => e.Text == "old garden line"), "nothing of the old life is read as the new one's");
        Assert.AreEqual("Garden", resumed.First(e => e.Name == "room").Json.GetProperty("room").GetString());
    }

    [TestMethod]
    public async Task A_cursor_naming_another_sessions_mailbox_never_skips_this_ones()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        var ben = await chat.LoginAsync("ben");
        await using var annFrame = await chat.OpenChatAsync(ann);
        await using var benFrame = await chat.OpenChatAsync(ben);
        for (var i = 1; i <= 3; i++)
        {
            Assert.AreEqual(303, (await chat.TalkAsync(ben, $"to ann {i}", to: "ann", isPrivate: true)).Status);
        }

        Assert.AreEqual(303, (await chat.TalkAsync(ann, "to ben", to: "ben", isPrivate: true)).Status);
        var (annEvents, _) = await ServerSentEvents.OpenAsync(chat, ann);
        var annId = (await ServerSentEvents.ReadUntilLineAsync(annEvents, "to ben")).Last(e => e.Id is not null).Id!;
        await annEvents.DisposeAsync();

        // ann's cursor, mailbox part and all, offered by ben's browser: ben's own whispers must still come.
        var (benEvents, _) = await ServerSentEvents.OpenAsync(chat, ben, lastEventId: annId);
        await using var _ = benEvents;
        var resumed = await ServerSentEvents.ReadUntilLineAsync(benEvents, "to ben");

        Assert.IsTrue(resumed.Any(e => e.Name == "missed" && e.Json.GetProperty("log").GetString() == "mailbox" && e.Json.GetProperty("reset").GetBoolean()));
        Assert.AreEqual(1, resumed.Count(e => e.Text == "to ben"));
    }

    [TestMethod]
    public async Task A_kicked_readers_event_stream_ends_with_the_notice_and_a_bye()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        var (events, _) = await ServerSentEvents.OpenAsync(chat, ann);
        await using var _ = events;
        await ServerSentEvents.ReadUntilLineAsync(events, "ann joined.");
        Assert.IsTrue(chat.Server.Kick("ann", "enough"));

        Assert.IsTrue(await events.ReadToEndAsync(), "the stream ends");
        var received = ServerSentEvents.Parse(events.StreamText);
        Assert.AreEqual("bye", received[^1].Name);
        Assert.AreEqual("kicked", received[^1].Json.GetProperty("reason").GetString());
        StringAssert.Contains(received[^2].Text, "enough");
    }

    [TestMethod]
    public async Task A_move_sends_a_room_event_with_the_new_rooms_position_and_its_history()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        chat.Server.CreateRoom("Garden");
        chat.Server.PostNotice("Garden", "roses are out");
        var (events, _) = await ServerSentEvents.OpenAsync(chat, ann);
        await using var _ = events;
        await ServerSentEvents.ReadUntilLineAsync(events, "ann joined.");
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/join Garden")).Status);
        var received = await ServerSentEvents.ReadUntilLineAsync(events, "roses are out");

        var room = received.Where(e => e.Name == "room").Last().Json;
        Assert.AreEqual("Garden", room.GetProperty("room").GetString());
        StringAssert.Contains(room.GetProperty("position").GetString(), ":");
        Assert.AreEqual(2, received.Count(e => e.Name == "presence"));
    }

    [TestMethod]
    public async Task A_malformed_Last_Event_ID_is_refused_with_400_and_says_what_a_position_looks_like()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        foreach (var bad in new[] { "garbage", "1:2", "1:2,3", "-1:2,3:4", "1:2,3:99999999999999999", "1:2,3:4,5:6" })
        {
            var (client, head) = await ServerSentEvents.OpenAsync(chat, ann, lastEventId: bad);
            await client.DisposeAsync();
            Assert.AreEqual(400, head.Status, bad);
            StringAssert.Contains(head.Body, "epoch:seq,epoch:seq");
        }
    }

    [TestMethod]
    public async Task Another_browser_without_the_sessions_cookie_gets_403()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        await using var stranger = await RawHttpClient.ConnectAsync(chat.Server.LocalEndPoint!);
        await stranger.SendAsync($"GET {ChatRoutes.Events}?sid={ann} HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.AreEqual(403, (await stranger.ReadResponseAsync()).Status);
    }

    [TestMethod]
    public async Task Two_streams_of_one_session_both_get_every_line_and_the_user_is_online_once()
    {
        await using var chat = await StartAsync();
        var ann = await chat.LoginAsync("ann");
        var (tab1, _) = await ServerSentEvents.OpenAsync(chat, ann);
        await using var _1 = tab1;
        await ServerSentEvents.ReadUntilLineAsync(tab1, "ann joined.");
        await using var frame = await chat.OpenChatAsync(ann);
        var (tab2, _) = await ServerSentEvents.OpenAsync(chat, ann);
        await using var _2 = tab2;
        chat.Server.PostNotice("to every tab");

        Assert.AreEqual(1, (await ServerSentEvents.ReadUntilLineAsync(tab1, "to every tab")).Count(e => e.Text == "to every tab"));
        Assert.AreEqual(1, (await ServerSentEvents.ReadUntilLineAsync(tab2, "to every tab")).Count(e => e.Text == "to every tab"));
        await frame.ReadStreamUntilAsync("to every tab");
        Assert.AreEqual(1, chat.Server.OnlineUsers.Count(u => u.Name == "ann"));
        Assert.AreEqual(1, ServerSentEvents.Parse(tab2.StreamText).Count(e => e.Text == "ann joined."), "a second stream does not announce the user again");
    }
}
