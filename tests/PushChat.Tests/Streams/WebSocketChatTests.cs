using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PushChat.Tests.Infrastructure;
using static PushChat.Tests.Infrastructure.JsonSocket;

namespace PushChat.Tests.Streams;

/// <summary>The JSON protocol over /ws with .NET's own ClientWebSocket, beside a classic-frame user.</summary>
[TestClass]
public sealed class WebSocketChatTests
{
    [TestMethod]
    public async Task A_bot_logs_in_with_its_first_message_and_chats_with_a_classic_frame_user()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.MessageFilters.Clear());
        var ann = await chat.LoginAsync("ann");
        await using var annFrame = await chat.OpenChatAsync(ann);
        using var bot = await ConnectAsync(chat);

        await SendAsync(bot, """{"type":"login","version":1,"name":"bot"}""");
        var welcome = await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "welcome");
        await ReceiveUntilAsync(bot, m => IsLine(m, "bot joined."));
        await SendAsync(bot, """{"type":"say","text":"hello <ann> \u2028 \"you\"","id":7}""");
        var ok = await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "ok");
        await annFrame.ReadStreamUntilAsync("hello &lt;ann&gt;");
        Assert.AreEqual(303, (await chat.SayAsync(ann, "hi bot")).Status);
        var line = await ReceiveUntilAsync(bot, m => IsLine(m, "hi bot"));

        Assert.AreEqual("bot", welcome.GetProperty("user").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(welcome.GetProperty("token").GetString()));
        Assert.AreEqual(7, ok.GetProperty("id").GetInt32());
        Assert.AreEqual("ann", line.GetProperty("from").GetString());
        Assert.AreEqual("room", line.GetProperty("log").GetString());
    }

    [TestMethod]
    public async Task A_bot_that_lost_its_connection_resumes_with_its_token_and_cursor_and_gets_exactly_what_it_missed()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.MessageFilters.Clear());
        var first = await ConnectAsync(chat);
        await SendAsync(first, """{"type":"login","version":1,"name":"bot"}""");
        var welcome = await ReceiveUntilAsync(first, m => m.GetProperty("type").GetString() == "welcome");
        var cursor = new BotCursor();
        chat.Server.PostNotice("seen 1");
        await ReceiveUntilAsync(first, m => cursor.Follow(m) && IsLine(m, "seen 1"));
        first.Abort();
        first.Dispose();

        chat.Server.PostNotice("missed 1");
        chat.Server.Whisper("bot", "missed whisper");
        chat.Server.PostNotice("missed 2");
        using var again = await ConnectAsync(chat);
        await SendAsync(again, JsonSerializer.Serialize(new { type = "resume", version = 1, session = welcome.GetProperty("session").GetString(), token = welcome.GetProperty("token").GetString(), after = cursor.Text }));
        chat.Server.PostNotice("live");
        var lines = new List<string>();
        await ReceiveUntilAsync(again, m =>
        {
            if (m.GetProperty("type").GetString() == "line")
            {
                lines.Add(m.GetProperty("text").GetString()!);
            }

            return IsLine(m, "live");
        });

        CollectionAssert.AreEqual(new[] { "missed 1", "missed whisper", "missed 2", "live" }, lines);
    }

    [TestMethod]
    public async Task A_bot_whose_connection_the_server_drops_mid_burst_resumes_with_no_line_lost_or_repeated()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.HistoryLength = 1000);
        var first = await ConnectAsync(chat);
        await SendAsync(first, """{"type":"login","version":1,"name":"bot"}""");
        var welcome = await ReceiveUntilAsync(first, m => m.GetProperty("type").GetString() == "welcome");
        var cursor = new BotCursor();
        var got = new List<string>();
        await ReceiveUntilAsync(first, m => cursor.Follow(m) && IsLine(m, "bot joined."));
        for (var i = 1; i <= 200; i++)
        {
            chat.Server.PostNotice($"burst {i}");
        }

        await ReceiveUntilAsync(first, m => cursor.Follow(m) && Collect(m, got) && IsLine(m, "burst 5"));
        chat.Server.Connections!.AbortAll();
        for (var i = 201; i <= 400; i++)
        {
            chat.Server.PostNotice($"burst {i}");
        }

        // What was on its way still counts until the connection gives out.
        try
        {
            await ReceiveUntilAsync(first, m => cursor.Follow(m) && Collect(m, got) && false);
        }
        catch (Exception ex) when (ex is WebSocketException or EndOfStreamException or OperationCanceledException)
        {
        }

        first.Dispose();
        using var again = await ConnectAsync(chat);
        await SendAsync(again, JsonSerializer.Serialize(new { type = "resume", version = 1, session = welcome.GetProperty("session").GetString(), token = welcome.GetProperty("token").GetString(), after = cursor.Text }));
        await ReceiveUntilAsync(again, m => Collect(m, got) && IsLine(m, "burst 400"));

        CollectionAssert.AreEqual(Enumerable.Range(1, 400).Select(i => $"burst {i}").ToArray(), got.Where(t => t.StartsWith("burst ", StringComparison.Ordinal)).ToArray());
    }

    [TestMethod]
    public async Task A_delete_in_another_room_never_reaches_a_bot_nor_moves_its_cursor()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var first = await ConnectAsync(chat);
        await SendAsync(first, """{"type":"login","version":1,"name":"bot"}""");
        var welcome = await ReceiveUntilAsync(first, m => m.GetProperty("type").GetString() == "welcome");
        var cursor = new BotCursor();
        var sawDelete = false;
        chat.Server.PostNotice("lobby 1");
        chat.Server.CreateRoom("Garden");
        var garden = chat.Server.PostNotice("Garden", "garden 1");
        Assert.IsTrue(chat.Server.DeleteLine("Garden", garden.Sequence));
        chat.Server.PostNotice("lobby 2");
        await ReceiveUntilAsync(first, m =>
        {
            sawDelete |= m.GetProperty("type").GetString() == "delete";
            return cursor.Follow(m) && IsLine(m, "lobby 2");
        });
        first.Abort();
        first.Dispose();

        using var again = await ConnectAsync(chat);
        await SendAsync(again, JsonSerializer.Serialize(new { type = "resume", version = 1, session = welcome.GetProperty("session").GetString(), token = welcome.GetProperty("token").GetString(), after = cursor.Text }));
        chat.Server.PostNotice("live");
        var resumed = new List<string>();
        await ReceiveUntilAsync(again, m => Collect(m, resumed) && IsLine(m, "live"));

        Assert.IsFalse(sawDelete, "the Lobby's reader is not told about the Garden's lines");
        CollectionAssert.AreEqual(new[] { "live" }, resumed, "nothing repeated, nothing missed");
    }

    [TestMethod]
    public async Task A_browser_brings_its_session_by_cookie_and_says_hello_but_another_sites_page_is_refused()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann");
        using var browser = new ClientWebSocket();
        browser.Options.SetRequestHeader("Cookie", chat.Cookies.HeaderValue()!);
        browser.Options.SetRequestHeader("Origin", $"http://{chat.Server.LocalEndPoint}");
        await browser.ConnectAsync(new Uri($"ws://{chat.Server.LocalEndPoint}{ChatRoutes.WebSocket}?sid={ann}"), CancellationToken.None);
        await SendAsync(browser, """{"type":"hello","version":1}""");
        var welcome = await ReceiveUntilAsync(browser, m => m.GetProperty("type").GetString() == "welcome");
        var room = await ReceiveUntilAsync(browser, m => m.GetProperty("type").GetString() == "room");

        using var hijack = new ClientWebSocket();
        hijack.Options.SetRequestHeader("Cookie", chat.Cookies.HeaderValue()!);
        hijack.Options.SetRequestHeader("Origin", "http://evil.example");
        var refused = await Assert.ThrowsExactlyAsync<WebSocketException>(() => hijack.ConnectAsync(new Uri($"ws://{chat.Server.LocalEndPoint}{ChatRoutes.WebSocket}?sid={ann}"), CancellationToken.None));

        Assert.AreEqual("ann", welcome.GetProperty("user").GetString());
        Assert.AreEqual(JsonValueKind.Null, welcome.GetProperty("token").ValueKind, "a page's script never sees the cookie's secret");
        Assert.AreEqual("Lobby", room.GetProperty("room").GetString());
        StringAssert.Contains(refused.Message, "403");
    }

    [TestMethod]
    public async Task Leave_is_answered_ok_then_the_stream_says_bye_and_the_socket_closes_with_1000()
    {
        await using var chat = await ChatTestServer.StartAsync();
        using var bot = await ConnectAsync(chat);
        await SendAsync(bot, """{"type":"login","version":1,"name":"bot"}""");
        await ReceiveUntilAsync(bot, m => IsLine(m, "bot joined."));
        await SendAsync(bot, """{"type":"leave","id":"bye-now"}""");
        var ok = await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() is "ok" or "bye");
        var bye = await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "bye");
        var end = await bot.ReceiveAsync(new byte[256], CancellationToken.None);

        Assert.AreEqual("ok", ok.GetProperty("type").GetString(), "the answer comes before the goodbye");
        Assert.AreEqual("bye-now", ok.GetProperty("id").GetString());
        Assert.AreEqual("left", bye.GetProperty("reason").GetString());
        Assert.AreEqual(WebSocketMessageType.Close, end.MessageType);
        Assert.AreEqual(WebSocketCloseStatus.NormalClosure, bot.CloseStatus);
        Assert.IsFalse(chat.Server.OnlineUsers.Any(u => u.Name == "bot"));
    }

    [TestMethod]
    public async Task A_kicked_bot_gets_the_notice_a_bye_and_the_close_code_1008()
    {
        await using var chat = await ChatTestServer.StartAsync();
        using var bot = await ConnectAsync(chat);
        await SendAsync(bot, """{"type":"login","version":1,"name":"bot"}""");
        await ReceiveUntilAsync(bot, m => IsLine(m, "bot joined."));
        Assert.IsTrue(chat.Server.Kick("bot", "enough"));
        var bye = await ReceiveUntilAsync(bot, m => m.GetProperty("type").GetString() == "bye");
        var end = await bot.ReceiveAsync(new byte[256], CancellationToken.None);

        Assert.AreEqual("kicked", bye.GetProperty("reason").GetString());
        Assert.AreEqual(WebSocketMessageType.Close, end.MessageType);
        Assert.AreEqual((WebSocketCloseStatus)1008, bot.CloseStatus);
    }

    private static bool Collect(JsonElement message, List<string> texts)
    {
        if (message.GetProperty("type").GetString() == "line")
        {
            texts.Add(message.GetProperty("text").GetString()!);
        }

        return true;
    }

    private static bool IsLine(JsonElement message, string text) =>
        message.GetProperty("type").GetString() == "line" && message.GetProperty("text").GetString() == text;

    /// <summary>What a bot keeps to resume: the cursor of its room item, moved on by every item's position.</summary>
    private sealed class BotCursor
    {
        private string _room = "0:0";
        private string _mailbox = "0:0";

        public string Text => _room + "," + _mailbox;

        public bool Follow(JsonElement message)
        {
            switch (message.GetProperty("type").GetString())
            {
                case "room":
                    var parts = message.GetProperty("cursor").GetString()!.Split(',');
                    (_room, _mailbox) = (parts[0], parts[1]);
                    break;
                case "line" or "delete":
                    var position = message.GetProperty("position").GetString()!;
                    if (message.GetProperty("log").GetString() == "mailbox")
                    {
                        _mailbox = position;
                    }
                    else
                    {
                        _room = position;
                    }

                    break;
            }

            return true;
        }
    }
}
