using System.Net;
using System.Text;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.Sockets;
using PushChat.Internal.Chat.State;
using PushChat.Tests.Infrastructure;
using PushChat.Tests.Rooms;
using PushChat.Users;
using static PushChat.Tests.Sockets.SocketJsonAssert;

namespace PushChat.Tests.Sockets;

/// <summary>A connection's first message proves a session: a login, a registration, a session's token, or a hello on a connection bound by its cookie; anything else is refused.</summary>
[TestClass]
public sealed class SocketLoginTests
{
    private static readonly IPEndPoint Client = new(IPAddress.Loopback, 40000);

    [TestMethod]
    public async Task A_guest_login_starts_a_session_and_is_welcomed_with_its_id_and_token()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var result = await Start(chat, """{"type":"login","version":1,"name":"bot","id":"l"}""");

        Assert.IsTrue(result.IsAccepted, Encoding.UTF8.GetString(result.Answer));
        var session = result.Session!;
        var json = Parse(result.Answer);
        Assert.AreEqual("welcome", json.GetProperty("type").GetString());
        Assert.AreEqual(1, json.GetProperty("protocol").GetInt32());
        Assert.AreEqual(session.Id, json.GetProperty("session").GetString());
        Assert.AreEqual(session.BrowserSecret, json.GetProperty("token").GetString());
        Assert.AreEqual("bot", json.GetProperty("user").GetString());
        Assert.AreEqual("guest", json.GetProperty("role").GetString());
        Assert.AreEqual(session.Color, json.GetProperty("color").GetString());
        Assert.AreEqual("l", json.GetProperty("id").GetString());
        Assert.AreSame(session, chat.Engine().Sessions.Find(session.Id));
        Assert.IsNull(result.After);
    }

    [TestMethod]
    public async Task A_login_with_the_right_password_is_the_user_in_the_room_asked_for_and_a_wrong_one_is_forbidden()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("ann", "right horse battery"), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        chat.Server.CreateRoom("Garden");

        var wrong = await Start(chat, """{"type":"login","name":"ann","password":"wrong horse","id":1}""");
        var right = await Start(chat, """{"type":"login","name":"ann","password":"right horse battery","room":"Garden"}""");

        Assert.IsNull(wrong.Session);
        IsError(wrong.Answer, RefusalCodes.Forbidden, 403);
        Assert.AreEqual("1", IdOf(wrong.Answer));
        Assert.IsTrue(right.IsAccepted, Encoding.UTF8.GetString(right.Answer));
        Assert.AreEqual("user", Parse(right.Answer).GetProperty("role").GetString());
        Assert.AreEqual("Garden", right.Session!.Room.Name);
    }

    [TestMethod]
    public async Task Logins_beyond_the_address_budget_are_rate_limited()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.MaxLoginsPerAddressPerMinute = 2);

        Assert.IsTrue((await Start(chat, """{"type":"login","name":"bot1"}""")).IsAccepted);
        Assert.IsTrue((await Start(chat, """{"type":"login","name":"bot2"}""")).IsAccepted);
        var third = await Start(chat, """{"type":"login","name":"bot3","id":3}""");

        Assert.IsNull(third.Session);
        IsError(third.Answer, RefusalCodes.RateLimited, 429);
        Assert.AreEqual("3", IdOf(third.Answer));
    }

    [TestMethod]
    public async Task Wrong_passwords_lock_the_name_out_as_on_the_login_page()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("ann", "right horse battery"), default);
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.UserStore = users;
            o.Limits.MaxLoginFailures = 2;
        });

        await Start(chat, """{"type":"login","name":"ann","password":"guess one"}""");
        await Start(chat, """{"type":"login","name":"ann","password":"guess two"}""");
        var right = await Start(chat, """{"type":"login","name":"ann","password":"right horse battery"}""");

        Assert.IsNull(right.Session);
        IsError(right.Answer, RefusalCodes.RateLimited, 429);
    }

    [TestMethod]
    public async Task Register_makes_the_account_and_logs_in_with_it()
    {
        var users = new InMemoryUserStore();
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);

        var result = await Start(chat, """{"type":"register","version":1,"name":"bot","password":"a long secret","id":2}""");

        Assert.IsTrue(result.IsAccepted, Encoding.UTF8.GetString(result.Answer));
        var json = Parse(result.Answer);
        Assert.AreEqual("welcome", json.GetProperty("type").GetString());
        Assert.AreEqual("user", json.GetProperty("role").GetString());
        Assert.AreEqual("2", json.GetProperty("id").GetRawText());
        Assert.IsNotNull(await users.FindAsync("bot", default));
    }

    [TestMethod]
    public async Task Registering_a_name_that_has_an_account_is_refused_and_starts_no_session()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("ann", "right horse battery"), default);
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);

        var result = await Start(chat, """{"type":"register","name":"ann","password":"another secret"}""");

        Assert.IsNull(result.Session);
        Assert.AreEqual("error", Parse(result.Answer).GetProperty("type").GetString());
        Assert.AreEqual(0, chat.Server.Sessions.Count);
    }

    [TestMethod]
    public async Task Register_where_registration_is_closed_is_not_found_and_a_guest_where_guests_are_not_allowed_is_forbidden()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.AllowRegistration = false;
            o.AllowGuests = false;
        });

        var register = await Start(chat, """{"type":"register","name":"bot","password":"a long secret"}""");
        var guest = await Start(chat, """{"type":"login","name":"bot"}""");

        IsError(register.Answer, RefusalCodes.NotFound, 404);
        IsError(guest.Answer, RefusalCodes.Forbidden, 403);
        Assert.AreEqual(0, chat.Server.Sessions.Count);
    }

    [TestMethod]
    public async Task Registrations_beyond_the_address_budget_are_rate_limited()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.MaxRegistrationsPerAddressPerHour = 1);

        Assert.IsTrue((await Start(chat, """{"type":"register","name":"bot1","password":"a long secret"}""")).IsAccepted);
        var second = await Start(chat, """{"type":"register","name":"bot2","password":"a long secret"}""");

        Assert.IsNull(second.Session);
        IsError(second.Answer, RefusalCodes.RateLimited, 429);
    }

    [TestMethod]
    public async Task Resume_with_the_session_token_takes_up_the_session_and_hands_back_the_cursor_as_written()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");

        var result = await Start(chat, $$"""{"type":"resume","version":1,"session":"{{ann.Id}}","token":"{{ann.BrowserSecret}}","after":"4398046511104:17,4398046511105:3"}""");

        Assert.AreSame(ann, result.Session, Encoding.UTF8.GetString(result.Answer));
        Assert.AreEqual("4398046511104:17,4398046511105:3", result.After);
        var json = Parse(result.Answer);
        Assert.AreEqual(ann.Id, json.GetProperty("session").GetString());
        Assert.AreEqual(ann.BrowserSecret, json.GetProperty("token").GetString());
    }

    [TestMethod]
    public async Task Resume_with_a_wrong_token_or_an_unknown_session_is_unauthenticated_alike()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        var wrongToken = ann.BrowserSecret.Substring(1) + (ann.BrowserSecret[0] == 'A' ? 'B' : 'A');

        var wrong = await Start(chat, $$"""{"type":"resume","session":"{{ann.Id}}","token":"{{wrongToken}}"}""");
        var unknown = await Start(chat, $$"""{"type":"resume","session":"s-nobody","token":"{{ann.BrowserSecret}}"}""");
        var empty = await Start(chat, $$"""{"type":"resume","session":"{{ann.Id}}","token":""}""");

        Assert.IsNull(wrong.Session);
        Assert.IsNull(unknown.Session);
        Assert.IsNull(empty.Session);
        IsError(wrong.Answer, SocketCodes.Unauthenticated, 401);
        CollectionAssert.AreEqual(wrong.Answer, unknown.Answer, "nothing tells a wrong token from an unknown session");
        CollectionAssert.AreEqual(wrong.Answer, empty.Answer);
    }

    [TestMethod]
    public async Task Resume_of_a_session_that_ended_is_unauthenticated()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        var (id, token) = (ann.Id, ann.BrowserSecret);
        chat.Engine().Commands.Accounts.LogOut(id);

        var result = await Start(chat, $$"""{"type":"resume","session":"{{id}}","token":"{{token}}"}""");

        Assert.IsNull(result.Session);
        IsError(result.Answer, SocketCodes.Unauthenticated, 401);
    }

    [TestMethod]
    public async Task Hello_on_a_connection_bound_to_a_session_is_welcomed_without_repeating_the_cookie_secret()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");

        var result = await new SocketLogin(chat.Engine()).StartAsync(Utf8("""{"type":"hello","version":1,"after":"1:2,3:4"}"""), Client, ann, default);

        Assert.AreSame(ann, result.Session);
        Assert.AreEqual("1:2,3:4", result.After);
        var json = Parse(result.Answer);
        Assert.AreEqual("welcome", json.GetProperty("type").GetString());
        Assert.AreEqual(ann.Id, json.GetProperty("session").GetString());
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, json.GetProperty("token").ValueKind);
    }

    [TestMethod]
    public async Task Hello_without_a_bound_session_is_unauthenticated_and_for_an_ended_one_session_ended()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = chat.Enter("ann");
        chat.Engine().Commands.Accounts.LogOut(ann.Id);

        var unbound = await Start(chat, """{"type":"hello"}""");
        var ended = await new SocketLogin(chat.Engine()).StartAsync(Utf8("""{"type":"hello"}"""), Client, ann, default);

        IsError(unbound.Answer, SocketCodes.Unauthenticated, 401);
        Assert.IsNull(ended.Session);
        IsError(ended.Answer, RefusalCodes.SessionEnded, 404);
    }

    [TestMethod]
    [DataRow("""{"type":"say","text":"hi","id":1}""")]
    [DataRow("""{"type":"who","id":1}""")]
    [DataRow("""{"type":"leave","id":1}""")]
    public async Task Any_other_first_message_is_unauthenticated(string json)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var result = await Start(chat, json);

        Assert.IsNull(result.Session);
        IsError(result.Answer, SocketCodes.Unauthenticated, 401);
        Assert.AreEqual("1", IdOf(result.Answer));
    }

    [TestMethod]
    [DataRow("[]", "invalid")]
    [DataRow("""{"type":"login"}""", "invalid")]
    [DataRow("""{"type":"dance"}""", "unknown_type")]
    [DataRow("""{"type":"login","version":2,"name":"bot"}""", "unsupported_version")]
    public async Task A_first_message_that_cannot_be_read_is_refused_with_its_code(string json, string code)
    {
        await using var chat = await ChatTestServer.StartAsync();

        var result = await Start(chat, json);

        Assert.IsNull(result.Session);
        IsError(result.Answer, code, 400);
        Assert.AreEqual(0, chat.Server.Sessions.Count);
    }

    private static Task<SocketLoginResult> Start(ChatTestServer chat, string json) =>
        new SocketLogin(chat.Engine()).StartAsync(Encoding.UTF8.GetBytes(json), Client, null, default);
}
