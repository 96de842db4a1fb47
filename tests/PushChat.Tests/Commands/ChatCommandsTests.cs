using System.Net;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.State;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Rooms;
using PushChat.Users;

namespace PushChat.Tests.Commands;

/// <summary>The chat's commands called as a transport calls them, with ids and plain values, no HTTP: each answers with an outcome.</summary>
[TestClass]
public sealed class ChatCommandsTests
{
    private static readonly IPEndPoint Client = new(IPAddress.Loopback, 40000);

    [TestMethod]
    public async Task Saying_while_muted_is_refused_with_a_code_a_status_and_the_reason()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = chat.Enter("alice");
        chat.Server.Mute("alice", TimeSpan.FromMinutes(10));

        var outcome = await chat.Engine().Commands.Talk.SayAsync(alice.Id, "hello", default);

        Assert.IsFalse(outcome.IsDone);
        Assert.IsNull(outcome.Value);
        Assert.AreEqual(RefusalCodes.Forbidden, outcome.Refusal!.Code);
        Assert.AreEqual(403, outcome.Refusal.StatusCode);
        StringAssert.Contains(outcome.Refusal.Message.ToString(), "You are muted");
    }

    [TestMethod]
    public async Task Saying_is_done_with_the_line_said()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = chat.Enter("alice");

        var outcome = await chat.Engine().Commands.Talk.SayAsync(alice.Id, "  hello  ", default);

        Assert.IsTrue(outcome.IsDone);
        Assert.AreEqual("hello", outcome.Value!.Text);
        Assert.AreEqual("alice", outcome.Value.Sender);
        Assert.AreEqual(ChatMessageKind.Public, outcome.Value.Kind);
    }

    [TestMethod]
    public async Task Joining_a_new_name_creates_the_room_and_moves_the_session()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = chat.Enter("alice");

        var outcome = chat.Engine().Commands.Rooms.Join(alice.Id, "Garden");

        Assert.IsTrue(outcome.IsDone, outcome.Error?.ToString());
        Assert.AreEqual("Garden", outcome.Value!.Name);
        Assert.AreEqual("alice", outcome.Value.Owner);
        Assert.AreEqual("Garden", alice.Room.Name);
        Assert.IsTrue(chat.Server.Rooms.Any(r => r.Name == "Garden"));
    }

    [TestMethod]
    public async Task Joining_a_room_only_the_server_may_open_is_forbidden()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.AllowUserRooms = false);
        var alice = chat.Enter("alice");

        var outcome = chat.Engine().Commands.Rooms.Join(alice.Id, "Cellar");

        Assert.AreEqual(RefusalCodes.Forbidden, outcome.Refusal!.Code);
        Assert.AreEqual(403, outcome.StatusCode);
        Assert.AreEqual("Lobby", alice.Room.Name);
    }

    [TestMethod]
    public async Task A_command_for_a_session_that_does_not_exist_is_refused_and_changes_nothing()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var commands = chat.Engine().Commands;

        var joined = commands.Rooms.Join("s-nobody", "Garden");
        var said = await commands.Talk.SayAsync("s-nobody", "hello", default);
        var left = commands.Accounts.LogOut(string.Empty);

        Assert.AreEqual(RefusalCodes.SessionEnded, joined.Refusal!.Code);
        Assert.AreEqual(404, joined.StatusCode);
        Assert.AreEqual(RefusalCodes.SessionEnded, said.Refusal!.Code);
        Assert.AreEqual(RefusalCodes.SessionEnded, left.Refusal!.Code);
        Assert.IsFalse(chat.Server.Rooms.Any(r => r.Name == "Garden"));
    }

    [TestMethod]
    public async Task Logging_in_with_a_wrong_password_is_forbidden_and_the_right_one_starts_a_session()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("ann", "right horse battery"), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        var accounts = chat.Engine().Commands.Accounts;

        var wrong = await accounts.LogInAsync("ann", "wrong horse", Client, room: null, default);
        var right = await accounts.LogInAsync("ann", "right horse battery", Client, room: null, default);

        Assert.AreEqual(RefusalCodes.Forbidden, wrong.Refusal!.Code);
        Assert.AreEqual(403, wrong.StatusCode);
        Assert.IsTrue(right.IsDone, right.Error?.ToString());
        Assert.AreEqual("ann", right.Value!.UserName);
        Assert.AreSame(right.Value, chat.Engine().Sessions.Find(right.Value.Id));
    }

    [TestMethod]
    public async Task Whispering_reaches_an_online_user_and_is_refused_for_one_who_is_not()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = chat.Enter("alice");
        chat.Enter("bob");
        var talk = chat.Engine().Commands.Talk;

        var whispered = await talk.WhisperAsync(alice.Id, "BOB", "psst", default);
        var nobody = await talk.WhisperAsync(alice.Id, "carol", "psst", default);

        Assert.AreEqual(ChatMessageKind.Whisper, whispered.Value!.Kind);
        Assert.AreEqual("bob", whispered.Value.Target);
        Assert.AreEqual(RefusalCodes.NotFound, nobody.Refusal!.Code);
        StringAssert.Contains(nobody.Error?.ToString(), "carol");
    }

    [TestMethod]
    public async Task A_mute_with_a_duration_that_is_not_one_is_refused_as_invalid_and_mutes_nobody()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var root = chat.Enter("root", ChatRole.Admin);
        var bob = chat.Enter("bob");
        var commands = chat.Engine().Commands;

        var refused = commands.Moderation.Act(root.Id, TalkVerb.Mute, "bob", "forever", "noise");
        var stillSpeaks = await commands.Talk.SayAsync(bob.Id, "still here", default);
        var muted = commands.Moderation.Act(root.Id, TalkVerb.Mute, "bob", "10m", "noise");
        var silenced = await commands.Talk.SayAsync(bob.Id, "and now?", default);

        Assert.AreEqual(RefusalCodes.Invalid, refused.Refusal!.Code);
        Assert.AreEqual(400, refused.StatusCode);
        Assert.IsTrue(stillSpeaks.IsDone, stillSpeaks.Error?.ToString());
        Assert.IsTrue(muted.IsDone, muted.Error?.ToString());
        Assert.AreEqual(403, silenced.StatusCode);
    }

    [TestMethod]
    public async Task Logging_out_ends_the_session_once()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = chat.Enter("alice");
        var accounts = chat.Engine().Commands.Accounts;

        var first = accounts.LogOut(alice.Id);
        var second = accounts.LogOut(alice.Id);

        Assert.AreSame(alice, first.Value);
        Assert.IsNull(chat.Engine().Sessions.Find(alice.Id));
        Assert.AreEqual(RefusalCodes.SessionEnded, second.Refusal!.Code);
    }

    [TestMethod]
    public async Task The_talk_line_runs_its_slash_command()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = chat.Enter("alice");

        var outcome = await chat.Engine().Commands.Talk.RunAsync(alice.Id, new TalkRequest("/join Garden", string.Empty, false, string.Empty, string.Empty), default);

        Assert.AreEqual("Garden", outcome.Value);
        Assert.AreEqual("Garden", alice.Room.Name);
    }

    [TestMethod]
    [DataRow(400, RefusalCodes.Invalid)]
    [DataRow(403, RefusalCodes.Forbidden)]
    [DataRow(404, RefusalCodes.NotFound)]
    [DataRow(409, RefusalCodes.Conflict)]
    [DataRow(413, RefusalCodes.TooLong)]
    [DataRow(422, RefusalCodes.Empty)]
    [DataRow(429, RefusalCodes.RateLimited)]
    [DataRow(503, RefusalCodes.Unavailable)]
    [DataRow(451, RefusalCodes.Refused)]
    public void A_refusal_s_code_follows_from_its_status(int status, string code) =>
        Assert.AreEqual(code, RefusalCodes.ForStatus(status));
}
