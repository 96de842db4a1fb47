using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Accounts;

/// <summary>
/// A member who logs in with the right password takes the name over from an older session (a thief
/// who logged in with a stolen password cannot keep the owner out); a guest name stays one session's.
/// </summary>
[TestClass]
public sealed class SessionTakeoverTests
{
    private const string Old = "correct horse";
    private const string New = "battery staple";

    [TestMethod]
    public async Task A_member_logging_in_with_the_right_password_takes_the_name_over_and_the_older_session_is_told()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var thief = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));
        await using var thiefChat = await chat.OpenChatAsync(thief, "ann joined.");

        var owner = await chat.TryLoginAsync("ANN", Old);

        var ownerSid = AccountForms.SessionOf(owner);
        await thiefChat.ReadStreamUntilAsync("You were signed in elsewhere");
        Assert.IsTrue(await thiefChat.ReadToEndAsync(), "the older session's stream ends");
        Assert.IsNull(chat.Server.Engine!.Sessions.Find(thief));
        Assert.AreEqual(404, (await chat.SayAsync(thief, "still mine")).Status);
        Assert.AreEqual("ann", chat.Server.Engine.Sessions.Find(ownerSid)!.UserName);
        await using var ownerChat = await chat.OpenChatAsync(ownerSid, "ann joined.");
        Assert.AreEqual(303, (await chat.SayAsync(ownerSid, "back again")).Status);
        await ownerChat.ReadStreamUntilAsync("back again</p>");
    }

    [TestMethod]
    public async Task A_wrong_password_takes_nothing_over()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));

        var wrong = await chat.TryLoginAsync("ann", "not the password");

        Assert.AreEqual(403, wrong.Status);
        Assert.IsNotNull(chat.Server.Engine!.Sessions.Find(sid));
    }

    [TestMethod]
    public async Task A_guest_name_in_use_is_still_refused()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var first = await chat.LoginAsync("zoe");

        var second = await chat.TryLoginAsync("ZOE", string.Empty);

        Assert.AreEqual(409, second.Status);
        Assert.Contains("already in the chat", second.Body);
        Assert.IsNotNull(chat.Server.Engine!.Sessions.Find(first));
    }

    [TestMethod]
    public async Task A_member_takes_over_a_guest_holding_a_look_alike_of_the_accounts_name()
    {
        var users = new InMemoryUserStore();
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        var guest = await chat.LoginAsync("B0B");
        await users.CreateAsync(UserAccount.Create("bob", Old), default);

        var bob = AccountForms.SessionOf(await chat.TryLoginAsync("bob", Old));

        Assert.IsNull(chat.Server.Engine!.Sessions.Find(guest), "an account's name is not a guest's to hold");
        Assert.AreEqual("bob", chat.Server.Engine.Sessions.Find(bob)!.UserName);
    }

    [TestMethod]
    public async Task After_taking_the_name_back_a_password_change_ends_the_thiefs_session_and_keeps_the_thief_out()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var owner = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));
        await using var ownerChat = await chat.OpenChatAsync(owner, "ann joined.");

        // The thief logs in with the stolen password and, for now, takes the name over.
        var thief = AccountForms.SessionOf(await chat.TryLoginAsync("ann", Old));
        await ownerChat.ReadStreamUntilAsync("You were signed in elsewhere");
        await using var thiefChat = await chat.OpenChatAsync(thief, "ann joined.");

        // The owner logs in again and changes the password, as the notice advises.
        var back = AccountForms.SessionOf(await chat.TryLoginAsync("ann", Old));
        await thiefChat.ReadStreamUntilAsync("You were signed in elsewhere");
        var changed = await chat.ChangePasswordAsync(back, Old, New);

        Assert.AreEqual(303, changed.Status, changed.Body);
        Assert.IsNull(chat.Server.Engine!.Sessions.Find(thief));
        Assert.AreEqual(403, (await chat.TryLoginAsync("ann", Old)).Status, "the stolen password no longer works");
        Assert.IsNotNull(chat.Server.Engine.Sessions.Find(back), "the owner stays");
    }
    [TestMethod]
    public async Task A_takeover_refused_by_the_address_cap_leaves_the_older_session_running()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Limits.WithoutAddressBudgets();
            o.Limits.MaxUnopenedSessionsPerAddress = 1;
        });
        var owner = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));
        await using var ownerChat = await chat.OpenChatAsync(owner, "ann joined.");
        await chat.LoginAsync("zed");

        var again = await chat.TryLoginAsync("ann", Old);

        Assert.AreEqual(503, again.Status, again.Body);
        Assert.IsNotNull(chat.Server.Engine!.Sessions.Find(owner), "a refused login ends nothing");
        Assert.AreEqual(303, (await chat.SayAsync(owner, "still here")).Status);
        await ownerChat.ReadStreamUntilAsync("still here</p>");
    }

    [TestMethod]
    public async Task A_takeover_into_a_full_room_leaves_the_older_session_running()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Limits.WithoutAddressBudgets();
            o.Limits.MaxRoomOccupants = 1;
        });
        var owner = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));
        var zoe = await chat.LoginAsync("zoe");
        Assert.AreEqual(303, (await chat.TalkAsync(zoe, "/join Den")).Status);

        var again = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, $"name=ann&password={Uri.EscapeDataString(Old)}&room=Den"));

        Assert.AreEqual(503, again.Status, again.Body);
        Assert.Contains("Den is full", again.Body);
        Assert.IsNotNull(chat.Server.Engine!.Sessions.Find(owner), "a refused login ends nothing");
    }

    [TestMethod]
    public async Task A_takeover_counts_the_older_sessions_place_as_free()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Limits.WithoutAddressBudgets();
            o.Limits.MaxSessions = 1;
            o.Limits.MaxSessionsPerAddress = 1;
            o.Limits.MaxUnopenedSessionsPerAddress = 1;
        });
        var owner = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));

        var again = await chat.TryLoginAsync("ann", Old);

        var ownerAgain = AccountForms.SessionOf(again);
        Assert.IsNull(chat.Server.Engine!.Sessions.Find(owner));
        Assert.AreEqual("ann", chat.Server.Engine.Sessions.Find(ownerAgain)!.UserName);
    }
}
