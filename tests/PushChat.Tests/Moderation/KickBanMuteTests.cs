using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Moderation;

/// <summary>What a kick, a ban and a mute do to the user they hit, on the wire and on the fake clock.</summary>
[TestClass]
public sealed class KickBanMuteTests
{
    [TestMethod]
    public async Task A_kicked_session_is_told_its_stream_ends_and_its_sid_is_dead_everywhere_but_the_user_may_come_back()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var r = rootChat;
        await using var b = bobChat;

        Assert.AreEqual(303, (await chat.SayAsync(root, "/kick bob spamming")).Status);

        var text = await bobChat.ReadStreamUntilAsync("spamming");
        StringAssert.Contains(text, "You were kicked out by root: spamming");
        Assert.IsTrue(await bobChat.ReadToEndAsync().WaitAsync(RawHttpClient.SafetyTimeout), "the kicked frame ends");
        StringAssert.EndsWith(bobChat.StreamText.TrimEnd(), "</html>");
        Assert.DoesNotContain("bob was kicked out", bobChat.StreamText, "the room's notice is for the others");
        await rootChat.ReadStreamUntilAsync("bob was kicked out by root: spamming");
        Assert.AreEqual(404, (await chat.SayAsync(bob, "still here?")).Status);
        Assert.AreEqual(404, (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Talk}?sid={bob}"))).Status);
        Assert.AreEqual(404, (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Names}?sid={bob}"))).Status);
        Assert.AreEqual(404, (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Chat}?sid={bob}"))).Status);
        Assert.AreEqual(404, (await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Room}?sid={bob}"))).Status);
        Assert.IsFalse(chat.Server.OnlineUsers.Any(u => u.Name == "bob"));
        await chat.LoginAsync("bob");
    }

    [TestMethod]
    public async Task A_banned_name_is_refused_at_login_until_the_ban_ends()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (_, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var r = rootChat;
        await using var b = bobChat;

        Assert.AreEqual(303, (await chat.SayAsync(root, "/ban bob 30m flooding")).Status);

        await bobChat.ReadStreamUntilAsync("You were banned by root until 12:30:00 UTC: flooding");
        Assert.IsTrue(await bobChat.ReadToEndAsync().WaitAsync(RawHttpClient.SafetyTimeout));
        var refused = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=BOB&password="));
        Assert.AreEqual(403, refused.Status);
        StringAssert.Contains(refused.Body, "bob is banned until 12:30:00 UTC: flooding");
        chat.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.AreEqual(403, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=bob&password="))).Status);
        chat.Time.Advance(TimeSpan.FromMinutes(1));
        await chat.LoginAsync("bob");
    }

    [TestMethod]
    public async Task An_address_ban_refuses_every_name_from_that_address_until_it_ends_and_unban_lifts_it_early()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (_, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var r = rootChat;
        await using var b = bobChat;

        Assert.AreEqual(303, (await chat.SayAsync(root, "/banip bob 2h")).Status);

        Assert.IsTrue(await bobChat.ReadToEndAsync().WaitAsync(RawHttpClient.SafetyTimeout));
        var refused = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=carl&password="));
        Assert.AreEqual(403, refused.Status);
        StringAssert.Contains(refused.Body, "Your address is banned until 14:00:00 UTC.");
        Assert.IsTrue(chat.Server.OnlineUsers.Any(u => u.Name == "root"), "an address ban does not end an admin's session");
        Assert.AreEqual(303, (await chat.SayAsync(root, "/unban 127.0.0.1")).Status);
        await chat.LoginAsync("carl");
        Assert.AreEqual(303, (await chat.SayAsync(root, "/banip carl 1h")).Status);
        Assert.AreEqual(403, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Login, "name=dora&password="))).Status);
        chat.Time.Advance(TimeSpan.FromHours(1));
        await chat.LoginAsync("dora");
    }

    [TestMethod]
    public async Task A_muted_user_can_neither_say_whisper_nor_act_until_the_mute_ends()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var r = rootChat;
        await using var b = bobChat;

        Assert.AreEqual(303, (await chat.SayAsync(root, "/mute bob 10m")).Status);
        await bobChat.ReadStreamUntilAsync("You were muted by root until 12:10:00 UTC.");

        foreach (var line in new[] { "hello", "/msg root hello", "/me waves" })
        {
            var refused = await chat.SayAsync(bob, line);
            Assert.AreEqual(403, refused.Status, line);
            StringAssert.Contains(refused.Body, "You are muted until 12:10:00 UTC", line);
        }

        Assert.AreEqual(403, (await chat.TalkAsync(bob, string.Empty, action: "wave")).Status);
        chat.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.AreEqual(303, (await chat.SayAsync(bob, "free again")).Status);
        await rootChat.ReadStreamUntilAsync("free again");
    }

    [TestMethod]
    public async Task Unmute_lets_a_muted_user_speak_at_once_and_a_mute_outlives_a_new_login()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var r = rootChat;

        Assert.AreEqual(303, (await chat.SayAsync(root, "/mute bob")).Status);
        Assert.AreEqual(303, (await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Leave, $"sid={bob}"))).Status);
        await bobChat.DisposeAsync();
        (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var b = bobChat;
        Assert.AreEqual(403, (await chat.SayAsync(bob, "hello")).Status);

        Assert.AreEqual(303, (await chat.SayAsync(root, "/unmute bob")).Status);

        Assert.AreEqual(303, (await chat.SayAsync(bob, "hello")).Status);
    }

    [TestMethod]
    public async Task A_crafted_moderation_post_from_a_plain_user_is_refused_with_403()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (ursula, uChat) = await ModerationSetup.EnterAsync(chat, "ursula", ModerationSetup.Password);
        var (_, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var u = uChat;
        await using var b = bobChat;

        var response = await chat.RequestAsync(ChatTestServer.Post("/moderate", $"sid={ursula}&name=bob&action=ban&duration=1d&reason=x"));

        Assert.AreEqual(403, response.Status, response.Body);
        StringAssert.Contains(response.Body, "Only an admin can ban users.");
        Assert.IsTrue(chat.Server.OnlineUsers.Any(user => user.Name == "bob"));
        Assert.AreEqual(403, (await chat.RequestAsync(ChatTestServer.Get($"/moderate?sid={ursula}"))).Status);
    }

    [TestMethod]
    public async Task Help_lists_the_moderation_commands_only_to_those_who_may_use_them()
    {
        await using var chat = await ModerationSetup.StartAsync();
        var (root, rootChat) = await ModerationSetup.EnterAsync(chat, "root", ModerationSetup.Password);
        var (bob, bobChat) = await ModerationSetup.EnterAsync(chat, "bob");
        await using var r = rootChat;
        await using var b = bobChat;
        await ModerationSetup.JoinAsync(chat, bob, bobChat, "bob", "Den");

        Assert.AreEqual(303, (await chat.SayAsync(root, "/help")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(bob, "/help")).Status);

        var rootHelp = await rootChat.ReadStreamUntilAsync("/ban NAME");
        StringAssert.Contains(rootHelp, "/ip NAME");
        var bobHelp = await bobChat.ReadStreamUntilAsync("/kick NAME");
        Assert.DoesNotContain("/ban NAME", bobHelp);
        Assert.DoesNotContain("/ip NAME", bobHelp);
    }
}
