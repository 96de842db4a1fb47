using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Rooms;

[TestClass]
public sealed class NoticeFoldingTests
{
    [TestMethod]
    public async Task Past_the_threshold_joins_and_leaves_fold_into_one_line_a_second()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.FoldNoticesAbove = 3);
        var first = await chat.LoginAsync("ann");
        await using var reader = await chat.OpenChatAsync(first, "ann joined.");
        chat.Enter("ben");
        chat.Enter("cid");
        var lines = chat.Server.Rooms[0].LastSequence;

        foreach (var name in new[] { "dan", "eve", "fay", "gus" })
        {
            chat.Enter(name);
        }

        chat.Engine().Sessions.Leave(chat.Engine().Sessions.Find("s-ben")!, ChatLeaveReason.Left);
        Assert.AreEqual(lines, chat.Server.Rooms[0].LastSequence, "nothing posted before the second ends");
        chat.Time.Advance(TimeSpan.FromSeconds(1));

        var text = await reader.ReadStreamUntilAsync("others joined.");
        StringAssert.Contains(text, "dan, eve and 2 others joined. ben left.");
        Assert.AreEqual(lines + 1, chat.Server.Rooms[0].LastSequence, "one line for all of them");
        Assert.IsFalse(text.Contains("fay joined.", StringComparison.Ordinal));
        chat.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(lines + 1, chat.Server.Rooms[0].LastSequence, "a quiet second posts nothing");
    }

    [TestMethod]
    public async Task A_mass_login_costs_a_line_a_second_not_one_per_reader()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.FoldNoticesAbove = 100;
            o.Limits.WithoutAddressBudgets();
        });
        for (var i = 0; i < 1000; i++)
        {
            chat.Enter($"u{i}");
        }

        chat.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.AreEqual(101, chat.Server.Rooms[0].LastSequence, "a hundred joins one by one, then one folded line");
    }

    [TestMethod]
    public async Task Below_the_threshold_every_join_has_its_own_line()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var ann = await chat.LoginAsync("ann");
        await using var reader = await chat.OpenChatAsync(ann, "ann joined.");

        chat.Enter("ben");

        StringAssert.Contains(await reader.ReadStreamUntilAsync("ben joined."), "ben joined.");
    }

    [TestMethod]
    public async Task A_held_join_is_told_before_the_same_user_s_leave_told_at_once()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.FoldNoticesAbove = 3);
        var ann = await chat.LoginAsync("ann");
        await using var reader = await chat.OpenChatAsync(ann, "ann joined.");
        chat.Enter("ben");
        chat.Enter("cid");
        chat.Enter("dan");
        chat.Engine().Sessions.Leave(chat.Engine().Sessions.Find("s-cid")!, ChatLeaveReason.Left);

        // Four were in the room when cid left: held. Three are left when dan goes: told at once.
        chat.Engine().Sessions.Leave(chat.Engine().Sessions.Find("s-dan")!, ChatLeaveReason.Left);
        chat.Time.Advance(TimeSpan.FromSeconds(1));

        var text = await reader.ReadStreamUntilAsync("dan left.");
        var joined = text.IndexOf("dan joined.", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, joined, text);
        Assert.IsLessThan(text.LastIndexOf("dan left.", StringComparison.Ordinal), joined, "dan's join comes before dan's leave");
    }

    [TestMethod]
    public async Task A_leave_and_return_within_one_second_of_a_crowded_room_cancel_out()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.FoldNoticesAbove = 3);
        chat.Server.CreateRoom("Den");
        var ann = await chat.LoginAsync("ann");
        await using var reader = await chat.OpenChatAsync(ann, "ann joined.");
        foreach (var name in new[] { "ben", "cid", "dan", "eve" })
        {
            chat.Enter(name);
        }

        chat.Time.Advance(TimeSpan.FromSeconds(1));
        var lines = chat.Server.Rooms.Single(r => r.Name == "Lobby").LastSequence;

        Assert.IsTrue(chat.Server.MoveUser("ben", "Den"));
        Assert.IsTrue(chat.Server.MoveUser("ben", "Lobby"));
        chat.Time.Advance(TimeSpan.FromSeconds(1));

        var lobby = chat.Engine().State.Rooms.Default.LinesAfter(lines).Select(l => l.Message.Text).ToArray();
        Assert.IsFalse(lobby.Any(t => t.Contains("ben", StringComparison.Ordinal)), "ben is still here: " + string.Join(" | ", lobby));
    }
}
