using System.Text;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Sockets;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Push;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Rooms;
using static PushChat.Tests.Sockets.SocketJsonAssert;

namespace PushChat.Tests.Sockets;

/// <summary>A logged-in connection's messages run against the real chat: each does what its type says and answers ok, or the command's refusal as an error.</summary>
[TestClass]
public sealed class SocketCommandsTests
{
    [TestMethod]
    public async Task Say_puts_the_line_in_the_room_and_answers_ok_with_the_id()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");

        var reply = await Run(chat, ann, """{"type":"say","text":"hello <everyone>","id":1}""");

        Assert.AreEqual("1", IdOf(reply.Answer));
        IsOk(reply.Answer);
        Assert.IsFalse(reply.Leaves);
        Assert.AreEqual("hello <everyone>", LastLine(ann).Text);
        Assert.AreEqual(ChatMessageKind.Public, LastLine(ann).Kind);
    }

    [TestMethod]
    public async Task Whisper_reaches_the_user_named_and_is_not_found_for_one_who_is_not_online()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        var ben = chat.Enter("ben");

        var whispered = await Run(chat, ann, """{"type":"whisper","to":"ben","text":"psst","id":"w"}""");
        var nobody = await Run(chat, ann, """{"type":"whisper","to":"carol","text":"psst","id":"x"}""");

        IsOk(whispered.Answer);
        Assert.AreEqual("\"w\"", IdOf(whispered.Answer));
        var mail = ben.Mailbox.FromStart().OfType<PushChat.Internal.Push.ChatLine>().Select(l => l.Message).Last();
        Assert.AreEqual(("psst", "ann", ChatMessageKind.Whisper), (mail.Text, mail.Sender, mail.Kind));
        var error = IsError(nobody.Answer, RefusalCodes.NotFound, 404);
        Assert.AreEqual("x", error.GetProperty("id").GetString());
        StringAssert.Contains(error.GetProperty("message").GetString(), "carol");
    }

    [TestMethod]
    public async Task Act_posts_an_action()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");

        IsOk((await Run(chat, ann, """{"type":"act","text":"waves"}""")).Answer);

        Assert.AreEqual(("waves", ChatMessageKind.Action), (LastLine(ann).Text, LastLine(ann).Kind));
    }

    [TestMethod]
    public async Task Command_runs_a_line_of_the_talk_box_and_answers_its_refusal()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        IsOk((await Run(chat, ann, """{"type":"join","room":"Garden"}""")).Answer);

        var topic = await Run(chat, ann, """{"type":"command","text":"/topic Roses","id":2}""");
        var unknown = await Run(chat, ann, """{"type":"command","text":"/frobnicate","id":3}""");
        var plain = await Run(chat, ann, """{"type":"command","text":"just a line"}""");

        IsOk(topic.Answer);
        Assert.AreEqual("Roses", chat.Server.Rooms.Single(r => r.Name == "Garden").Topic);
        IsError(unknown.Answer, RefusalCodes.Invalid, 400);
        Assert.AreEqual("3", IdOf(unknown.Answer));
        IsOk(plain.Answer);
        Assert.AreEqual("just a line", LastLine(ann).Text);
    }

    [TestMethod]
    public async Task Join_moves_the_session_and_a_room_users_may_not_open_is_forbidden()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.AllowUserRooms = false);
        chat.Server.CreateRoom("Garden");
        var ann = chat.Enter("ann");

        var joined = await Run(chat, ann, """{"type":"join","room":"Garden"}""");
        var cellar = await Run(chat, ann, """{"type":"join","room":"Cellar"}""");

        IsOk(joined.Answer);
        Assert.AreEqual("Garden", ann.Room.Name);
        IsError(cellar.Answer, RefusalCodes.Forbidden, 403);
    }

    [TestMethod]
    public async Task Delete_takes_back_the_line_at_a_position_of_the_room_log()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var root = chat.Enter("root", ChatRole.Admin);
        await Run(chat, root, """{"type":"say","text":"oops"}""");
        var line = LastLine(root);

        var reply = await Run(chat, root, $$"""{"type":"delete","position":"{{root.Room.Log.Epoch}}:{{line.Sequence}}","id":5}""");

        IsOk(reply.Answer);
        Assert.IsTrue(((PushChat.Internal.Push.ChatLine)root.Room.Log.Find(line.Sequence)!).IsDeleted);
    }

    [TestMethod]
    public async Task Delete_of_a_position_from_another_life_of_the_log_is_not_found_and_deletes_nothing()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var root = chat.Enter("root", ChatRole.Admin);
        await Run(chat, root, """{"type":"say","text":"keep me"}""");
        var line = LastLine(root);

        var reply = await Run(chat, root, $$"""{"type":"delete","position":"{{root.Room.Log.Epoch + 1}}:{{line.Sequence}}"}""");

        IsError(reply.Answer, RefusalCodes.NotFound, 404);
        Assert.IsFalse(((PushChat.Internal.Push.ChatLine)root.Room.Log.Find(line.Sequence)!).IsDeleted);
    }

    [TestMethod]
    public async Task Delete_by_a_user_who_may_not_is_forbidden()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        await Run(chat, ann, """{"type":"say","text":"mine"}""");

        var reply = await Run(chat, ann, $$"""{"type":"delete","position":"{{ann.Room.Log.Epoch}}:{{LastLine(ann).Sequence}}"}""");

        IsError(reply.Answer, RefusalCodes.Forbidden, 403);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("12")]
    [DataRow(":12")]
    [DataRow("7:")]
    [DataRow("7:12:1")]
    [DataRow("7;12")]
    [DataRow("-7:12")]
    [DataRow("+7:12")]
    [DataRow("7:-12")]
    [DataRow(" 7:12")]
    [DataRow("7:12 ")]
    [DataRow("7 :12")]
    [DataRow("07:12")]
    [DataRow("7:012")]
    [DataRow("7.0:12")]
    [DataRow("1e3:12")]
    [DataRow("0x7:12")]
    [DataRow("٧:12")]
    [DataRow("9007199254740992:1")]
    [DataRow("1:9007199254740992")]
    [DataRow("99999999999999999999:1")]
    public async Task Delete_with_a_position_that_is_not_two_decimal_numbers_below_2_to_the_53_is_invalid(string position)
    {
        await using var chat = await ChatTestServer.StartAsync();
        var root = chat.Enter("root", ChatRole.Admin);

        var reply = await Run(chat, root, $$"""{"type":"delete","position":"{{position}}","id":6}""");

        IsError(reply.Answer, RefusalCodes.Invalid, 400);
        Assert.AreEqual("6", IdOf(reply.Answer));
    }

    [TestMethod]
    [DataRow("0:0")]
    [DataRow("9007199254740991:9007199254740991")]
    public void The_edges_of_a_position_are_read(string text)
    {
        Assert.IsTrue(PositionText.TryParse(text, out LogPosition position));
        Assert.AreEqual(text, $"{position.Epoch}:{position.Sequence}");
    }

    [TestMethod]
    public async Task Ignore_and_unignore_change_whom_the_session_ignores()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        chat.Enter("ben");

        IsOk((await Run(chat, ann, """{"type":"ignore","user":"ben"}""")).Answer);
        CollectionAssert.AreEqual(new[] { "ben" }, ann.Ignored.ToArray());
        IsOk((await Run(chat, ann, """{"type":"ignore","user":"ben","ignore":false}""")).Answer);
        Assert.AreEqual(0, ann.Ignored.Count);
    }

    [TestMethod]
    public async Task Color_sets_the_colour_and_one_not_in_the_palette_is_invalid()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");

        var set = await Run(chat, ann, """{"type":"color","color":"#00707a"}""");
        var bad = await Run(chat, ann, """{"type":"color","color":"bright"}""");

        IsOk(set.Answer);
        Assert.AreEqual("#00707a", ann.Color);
        IsError(bad.Answer, RefusalCodes.Invalid, 400);
    }

    [TestMethod]
    public async Task Who_answers_presence_of_the_session_room_only()
    {
        await using var chat = await ChatTestServer.StartAsync();
        chat.Server.CreateRoom("Garden");
        var ann = chat.Enter("ann");
        chat.Enter("root", ChatRole.Admin);
        chat.Enter("ben", room: "Garden");
        chat.Time.Advance(TimeSpan.FromSeconds(5));

        var json = Parse((await Run(chat, ann, """{"type":"who","id":"q"}""")).Answer);

        Assert.AreEqual("presence", json.GetProperty("type").GetString());
        Assert.AreEqual("q", json.GetProperty("id").GetString());
        Assert.AreEqual("Lobby", json.GetProperty("room").GetString());
        var users = json.GetProperty("users").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "ann", "root" }, users.Select(u => u.GetProperty("name").GetString()).ToArray());
        Assert.AreEqual("administrator", users[1].GetProperty("role").GetString());
        Assert.AreEqual("#336699", users[1].GetProperty("color").GetString());
        Assert.AreEqual(5, users[1].GetProperty("idleSeconds").GetInt32());
        Assert.AreEqual(0, users[0].GetProperty("idleSeconds").GetInt32(), "asking is a sign of life");
    }

    [TestMethod]
    public async Task Who_asked_too_often_is_rate_limited()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");

        byte[]? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var reply = await Run(chat, ann, """{"type":"who","id":7}""");
            refused = Parse(reply.Answer).GetProperty("type").GetString() == "error" ? reply.Answer : null;
        }

        Assert.IsNotNull(refused, "the query budget never ran out");
        IsError(refused, RefusalCodes.RateLimited, 429);
        Assert.AreEqual("7", IdOf(refused));
    }

    [TestMethod]
    public async Task Saying_faster_than_the_line_budget_is_rate_limited()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.MaxLinesPerAddress = 2);
        var ann = chat.Enter("ann");

        IsOk((await Run(chat, ann, """{"type":"say","text":"one"}""")).Answer);
        IsOk((await Run(chat, ann, """{"type":"say","text":"two"}""")).Answer);
        var third = await Run(chat, ann, """{"type":"say","text":"three","id":3}""");

        IsError(third.Answer, RefusalCodes.RateLimited, 429);
        Assert.AreEqual("3", IdOf(third.Answer));
    }

    [TestMethod]
    public async Task Saying_nothing_too_much_or_while_muted_is_refused_with_its_code()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        var ben = chat.Enter("ben");
        chat.Server.Mute("ben", TimeSpan.FromMinutes(5));

        IsError((await Run(chat, ann, """{"type":"say","text":"  "}""")).Answer, RefusalCodes.Empty, 422);
        IsError((await Run(chat, ann, $$"""{"type":"say","text":"{{new string('a', 501)}}"}""")).Answer, RefusalCodes.TooLong, 413);
        IsError((await Run(chat, ben, """{"type":"say","text":"hi"}""")).Answer, RefusalCodes.Forbidden, 403);
    }

    [TestMethod]
    public async Task Leave_answers_ok_and_says_the_session_leaves_once_the_answer_is_sent()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");

        var reply = await Run(chat, ann, """{"type":"leave","id":9}""");

        IsOk(reply.Answer);
        Assert.AreEqual("9", IdOf(reply.Answer));
        Assert.IsTrue(reply.Leaves);
        Assert.IsNotNull(chat.Engine().Sessions.Find(ann.Id), "the socket logs out after sending the answer, so the answer goes before the goodbye");
    }

    [TestMethod]
    [DataRow("""{"type":"say","text":"hi"}""")]
    [DataRow("""{"type":"who"}""")]
    [DataRow("""{"type":"delete","position":"1:1"}""")]
    [DataRow("""{"type":"leave"}""")]
    public async Task A_message_of_a_session_that_ended_is_answered_session_ended(string json)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var reply = await new SocketCommands(chat.Engine()).RunAsync("s-gone", Utf8(json), default);

        IsError(reply.Answer, RefusalCodes.SessionEnded, 404);
        Assert.IsFalse(reply.Leaves);
    }

    [TestMethod]
    [DataRow("""{"type":"login","name":"ann2","id":1}""")]
    [DataRow("""{"type":"register","name":"ann2","password":"secret secret","id":1}""")]
    [DataRow("""{"type":"resume","session":"s","token":"t","id":1}""")]
    [DataRow("""{"type":"hello","id":1}""")]
    public async Task A_first_message_on_a_logged_in_connection_is_a_conflict(string json)
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        var sessions = chat.Server.Sessions.Count;

        var reply = await Run(chat, ann, json);

        IsError(reply.Answer, RefusalCodes.Conflict, 409);
        Assert.AreEqual("1", IdOf(reply.Answer));
        Assert.AreEqual(sessions, chat.Server.Sessions.Count);
    }

    [TestMethod]
    [DataRow("not json", null, "invalid")]
    [DataRow("""{"type":"dance","id":4}""", "4", "unknown_type")]
    [DataRow("""{"type":"say","version":2,"text":"hi","id":"v"}""", "\"v\"", "unsupported_version")]
    [DataRow("""{"type":"say","text":5,"id":4}""", "4", "invalid")]
    public async Task A_message_that_cannot_be_read_is_answered_with_its_code_and_changes_nothing(string json, string? id, string code)
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        var head = ann.Room.Log.Head;

        var reply = await Run(chat, ann, json);

        IsError(reply.Answer, code, 400);
        Assert.AreEqual(id ?? "null", IdOf(reply.Answer));
        Assert.AreEqual(head, ann.Room.Log.Head);
    }

    [TestMethod]
    public async Task The_presence_of_a_session_room_is_there_for_the_stream_to_send()
    {
        await using var chat = await ChatTestServer.StartAsync();
        chat.Server.CreateRoom("Garden");
        var ann = chat.Enter("ann", room: "Garden");

        var json = Parse(chat.Engine().State.Replays.Presence(ann.Room));

        Assert.AreEqual("Garden", json.GetProperty("room").GetString());
        Assert.AreEqual("ann", json.GetProperty("users")[0].GetProperty("name").GetString());
        Assert.IsFalse(json.TryGetProperty("id", out _));
    }

    private static Task<SocketReply> Run(ChatTestServer chat, ChatSession session, string json) =>
        new SocketCommands(chat.Engine()).RunAsync(session.Id, Encoding.UTF8.GetBytes(json), default);

    private static ChatMessage LastLine(ChatSession session) => session.Room.LinesAfter(0).Last().Message;
}
