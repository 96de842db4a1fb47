using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Chat.State;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Chat;

/// <summary>
/// A room's owner or an admin deletes a line: it leaves the history, and every open chat frame
/// gets a fragment that hides it, after the line itself.
/// </summary>
[TestClass]
public sealed class LineDeletionTests
{
    private const string Room = "Lobby";

    [TestMethod]
    public async Task A_deleted_line_is_not_replayed_to_a_new_reader()
    {
        await using var chat = await StartWithAdminAsync();
        var carol = await chat.LoginAsync("carol", "s3cret!");
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        Assert.AreEqual(303, (await chat.SayAsync(alice, "delete me")).Status);
        var sequence = LastSequence(chat);
        Assert.AreEqual(303, (await chat.SayAsync(alice, "keep me")).Status);

        var response = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Delete, $"sid={carol}&room={Room}&seq={sequence}"));

        Assert.AreEqual(303, response.Status, response.Body);
        Assert.AreEqual($"{ChatRoutes.Lines}?sid={carol}", response.Headers["Location"]);
        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        Assert.Contains("keep me", bobChat.StreamText);
        Assert.DoesNotContain("delete me", bobChat.StreamText);
    }

    [TestMethod]
    public async Task The_deletion_reaches_every_open_stream_after_the_line_even_one_that_left_the_room()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        var dave = await chat.LoginAsync("dave");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var daveChat = await chat.OpenChatAsync(dave, "dave joined.");
        Assert.AreEqual(303, (await chat.SayAsync(alice, "oops")).Status);
        var sequence = LastSequence(chat);
        await daveChat.ReadStreamUntilAsync("oops");
        chat.Server.Engine!.State.Apply(new SessionMoved(dave, "Side"));
        await daveChat.ReadStreamUntilAsync("dave joined.");

        Assert.IsTrue(chat.Server.DeleteLine(Room, sequence));

        var fragment = $"{ChatRoutes.HiddenLine}?room={Room}&amp;seq={sequence}";
        foreach (var stream in new[] { aliceChat, daveChat })
        {
            var text = await stream.ReadStreamUntilAsync(fragment);
            Assert.IsGreaterThan(text.IndexOf("oops", StringComparison.Ordinal), text.IndexOf(fragment, StringComparison.Ordinal));
            Assert.Contains($"data-room=\"{Room}\" data-seq=\"{sequence}\"", text);
        }
    }

    [TestMethod]
    public async Task A_renderer_that_fails_on_a_deletion_still_leaves_the_line_hidden()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.PageRenderer = new FaultyRenderer());
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        var notice = chat.Server.PostNotice("broken later");
        await aliceChat.ReadStreamUntilAsync("broken later");
        ((FaultyRenderer)chat.Server.Engine!.Renderer).BreakLines = true;

        Assert.IsTrue(chat.Server.DeleteLine(Room, notice.Sequence));

        await aliceChat.ReadStreamUntilAsync($"<link rel=\"stylesheet\" href=\"{ChatRoutes.HiddenLine}?room={Room}&amp;seq={notice.Sequence}\">");
    }

    [TestMethod]
    public async Task The_hidden_line_style_sheet_hides_that_line_only_with_the_room_escaped()
    {
        await using var chat = await ChatTestServer.StartAsync();

        var response = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.HiddenLine}?room={Uri.EscapeDataString("a\"b\\c")}&seq=7"));
        var bad = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.HiddenLine}?room=x&seq=no"));

        Assert.AreEqual(200, response.Status);
        StringAssert.StartsWith(response.Headers["Content-Type"], "text/css");
        Assert.AreEqual(".line[data-room=\"a\\000022b\\00005Cc\"][data-seq=\"7\"] { display: none; }\n", response.Body);
        Assert.AreEqual(400, bad.Status);
    }

    [TestMethod]
    public async Task A_user_who_neither_owns_the_room_nor_is_an_admin_is_refused()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        var bob = await chat.LoginAsync("bob");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        Assert.AreEqual(303, (await chat.SayAsync(alice, "still here")).Status);
        var sequence = LastSequence(chat);

        var delete = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Delete, $"sid={bob}&room={Room}&seq={sequence}"));
        var lines = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Lines}?sid={bob}"));
        var talk = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Talk}?sid={bob}"));

        Assert.AreEqual(403, delete.Status);
        Assert.Contains($"Only an admin or an owner of {Room} can delete lines there.", delete.Body);
        Assert.AreEqual(403, lines.Status);
        Assert.Contains($"Only an admin or an owner of {Room} can delete lines there.", lines.Body);
        Assert.DoesNotContain(ChatRoutes.Lines, talk.Body);
        var carla = await chat.LoginAsync("carla");
        await using var carlaChat = await chat.OpenChatAsync(carla, "carla joined.");
        Assert.Contains("still here", carlaChat.StreamText);
    }

    [TestMethod]
    public async Task The_owner_of_the_room_sees_its_lines_and_deletes_one()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var olga = await chat.LoginAsync("olga");

        // A guest owns in her session only.
        chat.Server.Engine!.State.Rooms.Default.Opener = new PushChat.Internal.Chat.State.RoomOwnerClaim("olga", olga, PushChat.Internal.Chat.Policy.Authority.Admin);
        await using var olgaChat = await chat.OpenChatAsync(olga);
        Assert.AreEqual(303, (await chat.SayAsync(olga, "<i>mine</i>")).Status);
        var sequence = LastSequence(chat);

        var talk = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Talk}?sid={olga}"));
        var before = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Lines}?sid={olga}"));
        var delete = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Delete, $"sid={olga}&room={Room}&seq={sequence}"));
        var after = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Lines}?sid={olga}"));

        Assert.Contains($"href=\"{ChatRoutes.Lines}?sid={olga}\"", talk.Body);
        Assert.AreEqual(200, before.Status);
        Assert.Contains("&lt;i&gt;mine&lt;/i&gt;", before.Body);
        Assert.Contains($"name=\"seq\" value=\"{sequence}\"", before.Body);
        Assert.Contains($"action=\"{ChatRoutes.Delete}\"", before.Body);
        StringAssert.StartsWith(before.Headers["Content-Security-Policy"], "default-src 'none';");
        Assert.AreEqual(303, delete.Status);
        Assert.DoesNotContain("&lt;i&gt;mine&lt;/i&gt;", after.Body);
    }

    [TestMethod]
    public async Task The_host_deletes_a_line_and_hears_of_every_deletion()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var deleted = new TaskCompletionSource<ChatLineDeletedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.LineDeleted += (_, e) => deleted.TrySetResult(e);
        var notice = chat.Server.PostNotice("gone soon");

        Assert.IsTrue(chat.Server.DeleteLine(Room.ToUpperInvariant(), notice.Sequence));
        Assert.IsFalse(chat.Server.DeleteLine(Room, notice.Sequence), "a line is deleted once");
        Assert.IsFalse(chat.Server.DeleteLine("Nowhere", 1));

        var args = await deleted.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(Room, args.Room);
        Assert.AreEqual(notice.Sequence, args.Sequence);
        Assert.IsNull(args.DeletedBy);
        Assert.ThrowsExactly<ArgumentException>(() => chat.Server.DeleteLine("", 1));
        await chat.Server.StopAsync();
        Assert.ThrowsExactly<InvalidOperationException>(() => chat.Server.DeleteLine(Room, 1));
    }

    [TestMethod]
    public async Task A_delete_form_from_an_earlier_life_of_the_room_deletes_nothing_in_its_new_life()
    {
        await using var chat = await StartWithAdminAsync();
        var carol = await chat.LoginAsync("carol", "s3cret!");
        chat.Server.CreateRoom("Den");
        Assert.AreEqual(303, (await chat.SayAsync(carol, "/join Den")).Status);
        var stale = chat.Server.PostNotice("Den", "first life").Sequence;
        var page = await chat.RequestAsync(ChatTestServer.Get($"{ChatRoutes.Lines}?sid={carol}"));
        var staleEpoch = System.Text.RegularExpressions.Regex.Match(page.Body, "name=\"epoch\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.AreNotEqual(string.Empty, staleEpoch, page.Body);

        Assert.IsTrue(chat.Server.CloseRoom("Den"));
        chat.Server.CreateRoom("Den");
        while (chat.Server.Rooms.Single(r => r.Name == "Den").LastSequence < stale)
        {
            chat.Server.PostNotice("Den", "second life");
        }

        var refused = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Delete, $"sid={carol}&room=Den&seq={stale}&epoch={staleEpoch}"));
        var malformed = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Delete, $"sid={carol}&room=Den&seq={stale}&epoch=soon"));

        Assert.AreEqual(404, refused.Status, refused.Body);
        Assert.AreEqual(400, malformed.Status, malformed.Body);
        var den = chat.Server.Engine!.State.Rooms.Find("Den")!;
        Assert.IsTrue(den.LinesAfter(stale - 1).Any(l => l.Message.Sequence == stale), "the new life's line is still there");
        var current = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Delete, $"sid={carol}&room=Den&seq={stale}&epoch={den.Log.Epoch}"));
        Assert.AreEqual(303, current.Status, current.Body);
    }

    private static async Task<ChatTestServer> StartWithAdminAsync()
    {
        var users = new PushChat.Users.InMemoryUserStore();
        await users.CreateAsync(PushChat.Users.UserAccount.Create("carol", "s3cret!", ChatRole.Admin), default);
        return await ChatTestServer.StartAsync(o => o.UserStore = users);
    }

    private static long LastSequence(ChatTestServer chat) => chat.Server.Rooms.Single(r => r.Name == Room).LastSequence;
}
