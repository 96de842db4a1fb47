using PushChat.Internal.Chat.Changes;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

using PushChat.Localization;

namespace PushChat.Tests.Accounts;

/// <summary>A member changes the password from the talk frame; the old password stops working and the user's other sessions end.</summary>
[TestClass]
public sealed class PasswordChangeTests
{
    private const string Old = "correct horse";
    private const string New = "battery staple";

    [TestMethod]
    public async Task A_members_talk_frame_links_to_the_password_page_and_a_guests_does_not()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var member = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));
        var guest = await chat.LoginAsync("bob");

        var memberTalk = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Talk}?sid={member}"));
        var guestTalk = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Talk}?sid={guest}"));
        var page = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Password}?sid={member}"));
        var guestPage = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Password}?sid={guest}"));

        Assert.Contains($"href=\"{ChatRoutes.Password}?sid={member}\"", memberTalk.Body);
        Assert.DoesNotContain(ChatRoutes.Password, guestTalk.Body);
        Assert.AreEqual(200, page.Status);
        Assert.Contains($"action=\"{ChatRoutes.Password}\"", page.Body);
        Assert.Contains("name=\"current\"", page.Body);
        Assert.AreEqual(403, guestPage.Status);
        Assert.AreEqual(403, (await chat.ChangePasswordAsync(guest, string.Empty, New)).Status);
    }

    [TestMethod]
    public async Task After_a_change_the_new_password_logs_in_and_the_old_one_is_refused()
    {
        var users = new InMemoryUserStore();
        await using var chat = await ChatTestServer.StartAsync(o => o.UserStore = users);
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));

        var changed = await chat.ChangePasswordAsync(sid, Old, New);

        Assert.AreEqual(303, changed.Status, changed.Body);
        Assert.AreEqual($"{ChatRoutes.Password}?sid={sid}&changed=1", changed.Headers["Location"]);
        var done = await chat.RequestAsync(ChatTestServer.Get(changed.Headers["Location"]));
        Assert.Contains("Your password is changed", done.Body);
        Assert.IsNotNull(chat.Server.Engine!.Sessions.Find(sid), "the session that changed the password goes on");
        Assert.AreEqual(ChatRole.User, (await users.FindAsync("ann", default))!.Role);
        Assert.AreEqual(303, (await chat.LeaveAsync(sid)).Status);
        Assert.AreEqual(403, (await chat.TryLoginAsync("ann", Old)).Status);
        AccountForms.SessionOf(await chat.TryLoginAsync("ann", New));
    }

    [TestMethod]
    [DataRow("wrong horse", New, New, 403, "Your current password is wrong")]
    [DataRow(Old, New, "battery stapler", 400, "The two passwords differ")]
    [DataRow(Old, "short", "short", 400, "at least 8 characters")]
    public async Task A_refused_change_says_why_and_keeps_the_old_password(string current, string password, string confirm, int status, string reason)
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));

        var response = await chat.ChangePasswordAsync(sid, current, password, confirm);

        Assert.AreEqual(status, response.Status, response.Body);
        Assert.Contains(reason, response.Body);
        Assert.Contains($"action=\"{ChatRoutes.Password}\"", response.Body);
        Assert.DoesNotContain(password, response.Body);
        Assert.AreEqual(303, (await chat.LeaveAsync(sid)).Status);
        AccountForms.SessionOf(await chat.TryLoginAsync("ann", Old));
    }

    [TestMethod]
    public async Task Wrong_current_passwords_count_in_the_accounts_lock_out_and_a_locked_account_is_refused_without_a_check()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("ann", Old));

        for (var i = 1; i <= 2; i++)
        {
            Assert.AreEqual(403, (await chat.TryLoginAsync("ANN", "wrong horse")).Status, $"login failure {i}");
        }

        for (var i = 1; i <= 2; i++)
        {
            Assert.AreEqual(403, (await chat.ChangePasswordAsync(sid, "wrong horse", New)).Status, $"change failure {i}");
        }

        var fifth = await chat.ChangePasswordAsync(sid, "wrong horse", New);
        var right = await chat.ChangePasswordAsync(sid, Old, New);

        Assert.AreEqual(429, fifth.Status, "the fifth failure, by whichever form, locks the account");
        Assert.Contains("Too many failed", fifth.Body);
        Assert.Contains($"action=\"{ChatRoutes.Password}\"", fifth.Body, "the form stays");
        Assert.AreEqual(429, right.Status, "a locked account's password is not checked, so not changed");
        Assert.AreEqual(429, (await chat.TryLoginAsync("ann", Old)).Status, "the lock holds for logins too");
        chat.Time.Advance(TimeSpan.FromMinutes(15));
        AccountForms.SessionOf(await chat.TryLoginAsync("ann", Old));
    }

    [TestMethod]
    public async Task A_lock_started_by_logins_refuses_the_password_form_too()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var sid = AccountForms.SessionOf(await chat.RegisterAsync("mona", Old));
        foreach (var spelling in new[] { "mona", "rnona", "m0na", "RNONA" })
        {
            Assert.AreEqual(403, (await chat.TryLoginAsync(spelling, "wrong horse")).Status, spelling);
        }

        Assert.AreEqual(429, (await chat.TryLoginAsync("M0NA", "wrong horse")).Status);

        var change = await chat.ChangePasswordAsync(sid, Old, New);

        Assert.AreEqual(429, change.Status, change.Body);
        Assert.IsNotNull(chat.Server.Engine!.Sessions.Find(sid), "the lock ends no session");
    }

    [TestMethod]
    public async Task The_page_of_an_ended_session_sends_back_to_the_login_page()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.ChangePasswordAsync("no-such-session", Old, New);

        Assert.AreEqual(404, response.Status);
    }

    [TestMethod]
    public async Task Ending_a_users_other_sessions_tells_each_then_ends_its_stream_and_keeps_the_one_named()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (kept, keptChat) = await chat.EnterAsync("bob");
        await using var annStream = annChat;
        await using var keptStream = keptChat;

        chat.Server.Engine!.State.Apply(new OtherSessionsEnded("ann", KeepSessionId: "another", LocalText.Plain("Your password was changed elsewhere.")));
        chat.Server.Engine.State.Apply(new OtherSessionsEnded("bob", KeepSessionId: kept, LocalText.Plain("Your password was changed elsewhere.")));

        await annChat.ReadStreamUntilAsync("Your password was changed elsewhere.");
        Assert.IsTrue(await annChat.ReadToEndAsync(), "the ended session's stream ends");
        Assert.IsNull(chat.Server.Engine.Sessions.Find(ann));
        Assert.AreEqual(404, (await chat.SayAsync(ann, "still here?")).Status);
        Assert.IsNotNull(chat.Server.Engine.Sessions.Find(kept));
        Assert.AreEqual(303, (await chat.SayAsync(kept, "still here")).Status);
        await keptChat.ReadStreamUntilAsync("still here</p>");
        Assert.DoesNotContain("changed elsewhere", keptChat.StreamText);
    }
}
