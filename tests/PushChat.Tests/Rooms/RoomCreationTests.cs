using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Rooms;

[TestClass]
public sealed class RoomCreationTests
{
    [TestMethod]
    public async Task Joining_a_new_name_creates_a_room_owned_by_its_creator()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var created = new TaskCompletionSource<ChatRoomEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.RoomCreated += (_, e) => created.TrySetResult(e);
        var alice = chat.Enter("alice");

        var outcome = chat.Engine().Rooms.Join(alice, "  Garden Party ");

        Assert.IsNull(outcome.Error?.ToString());
        Assert.AreEqual("Garden Party", outcome.Value!.Name);
        Assert.AreEqual("alice", outcome.Value.Owner);
        Assert.AreEqual("Garden Party", alice.Room.Name);
        var info = chat.Server.Rooms.Single(r => r.Name == "Garden Party");
        Assert.AreEqual("alice", info.Owner);
        Assert.AreEqual(1, info.Occupants);
        Assert.AreEqual("Garden Party", (await created.Task.Signal()).Room.Name);
    }

    [TestMethod]
    public async Task Room_names_are_checked_and_compared_without_case()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var engine = chat.Engine();
        var alice = chat.Enter("alice");
        engine.Rooms.Join(alice, "Garden");
        var bob = chat.Enter("bob");

        foreach (var bad in new[] { "", "   ", new string('x', 33), "bad!name", "tab\tname", "zero\u200Bwidth" })
        {
            var refused = engine.Rooms.Join(bob, bad);
            Assert.AreEqual(400, refused.StatusCode, bad);
            StringAssert.Contains(refused.Error?.ToString(), "room name", bad);
        }

        Assert.AreEqual("Garden", engine.Rooms.Join(bob, "gARDEN").Value!.Name, "the same room whatever the case");
        var lookAlike = engine.Rooms.Join(bob, "Ｇarden");
        Assert.AreEqual(409, lookAlike.StatusCode);
        StringAssert.Contains(lookAlike.Error?.ToString(), "Garden");
        Assert.AreEqual(new string('y', 32), engine.Rooms.Join(bob, new string('y', 32)).Value!.Name);
        Assert.AreEqual("my_room-2", engine.Rooms.Join(bob, "my_room-2").Value!.Name);
    }

    [TestMethod]
    public async Task Creating_rooms_can_be_forbidden_and_is_capped()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.AllowUserRooms = false);
        var alice = chat.Enter("alice");
        chat.Server.CreateRoom("Garden");

        var forbidden = chat.Engine().Rooms.Join(alice, "Cellar");

        Assert.AreEqual(403, forbidden.StatusCode);
        StringAssert.Contains(forbidden.Error?.ToString(), "new rooms");
        Assert.AreEqual("Garden", chat.Engine().Rooms.Join(alice, "garden").Value!.Name, "rooms that exist may still be joined");

        await using var capped = await ChatTestServer.StartAsync(o => o.Limits.MaxRooms = 2);
        var bob = capped.Enter("bob");
        Assert.IsNotNull(capped.Engine().Rooms.Join(bob, "One").Value);
        var full = capped.Engine().Rooms.Join(bob, "Two");
        Assert.AreEqual(503, full.StatusCode);
        StringAssert.Contains(full.Error?.ToString(), "2 rooms");
        Assert.ThrowsExactly<InvalidOperationException>(() => capped.Server.CreateRoom("Three"));
    }

    [TestMethod]
    public async Task A_room_holds_at_most_its_occupant_limit_but_the_default_room_is_bound_only_by_sessions()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.MaxRoomOccupants = 2);
        var engine = chat.Engine();
        var (a, b, c) = (chat.Enter("a"), chat.Enter("b"), chat.Enter("c"));
        engine.Rooms.Join(a, "Small");
        engine.Rooms.Join(b, "Small");

        var full = engine.Rooms.Join(c, "small");

        Assert.AreEqual(503, full.StatusCode);
        StringAssert.Contains(full.Error?.ToString(), "Small is full");
        Assert.AreEqual("Lobby", c.Room.Name);
        engine.Rooms.Join(a, "Lobby");
        Assert.IsNotNull(engine.Rooms.Join(c, "Small").Value, "a place freed up");
    }

    [TestMethod]
    public async Task An_empty_user_room_vanishes_after_the_grace_period_and_the_default_room_never()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.EmptyRoomGracePeriod = TimeSpan.FromMinutes(5));
        var closed = new TaskCompletionSource<ChatRoomEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.RoomClosed += (_, e) => closed.TrySetResult(e);
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");
        var session = chat.Engine().Sessions.Find(alice)!;
        chat.Engine().Rooms.Join(session, "Garden");
        chat.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.IsTrue(chat.Server.Rooms.Any(r => r.Name == "Garden"), "an occupied room stays");

        chat.Engine().Rooms.Join(session, "Lobby");
        chat.Time.Advance(TimeSpan.FromMinutes(4));
        chat.Engine().Rooms.Join(session, "garden");
        chat.Engine().Rooms.Join(session, "Lobby");
        chat.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.IsTrue(chat.Server.Rooms.Any(r => r.Name == "Garden"), "a visit restarts the grace period");
        Assert.IsFalse(closed.Task.IsCompleted);
        chat.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.AreEqual("Garden", (await closed.Task.Signal()).Room.Name);
        CollectionAssert.AreEqual(new[] { "Lobby" }, chat.Server.Rooms.Select(r => r.Name).ToArray());
    }

    [TestMethod]
    public async Task Only_the_owner_or_an_admin_sets_the_topic()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var engine = chat.Engine();
        var changed = new TaskCompletionSource<ChatRoomEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.TopicChanged += (_, e) => changed.TrySetResult(e);
        var (owner, other, admin) = (chat.Enter("owner"), chat.Enter("other"), chat.Enter("root", ChatRole.Admin));
        engine.Rooms.Join(owner, "Garden");
        engine.Rooms.Join(other, "Garden");
        engine.Rooms.Join(admin, "Garden");

        var refused = engine.Rooms.SetTopic(other, "mine now");
        var set = engine.Rooms.SetTopic(owner, "  roses  ");

        Assert.AreEqual(403, refused.StatusCode);
        StringAssert.Contains(refused.Error?.ToString(), "owner");
        Assert.AreEqual("owner set the topic: roses", set.Value!.Text);
        var e = await changed.Task.Signal();
        Assert.AreEqual("roses", e.Room.Topic);
        Assert.AreEqual("owner", e.ChangedBy);
        Assert.IsNotNull(engine.Rooms.SetTopic(admin, "tulips").Value);
        var info = engine.Rooms.List().Single(r => r.Name == "Garden");
        Assert.AreEqual("tulips", info.Topic);
        Assert.AreEqual(3, info.Occupants);
        Assert.AreEqual("owner cleared the topic.", engine.Rooms.SetTopic(owner, "  ").Value!.Text);
        Assert.IsNull(engine.Rooms.List().Single(r => r.Name == "Garden").Topic);
        engine.Rooms.Join(owner, "Lobby");
        Assert.AreEqual(403, engine.Rooms.SetTopic(owner, "lobby topic").StatusCode, "nobody owns the default room");
    }
}
