using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Rooms;

[TestClass]
public sealed class HostRoomApiTests
{
    [TestMethod]
    public async Task The_host_creates_rooms_sets_topics_and_posts_notices_to_a_room()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var topics = new TaskCompletionSource<ChatRoomEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.TopicChanged += (_, e) => topics.TrySetResult(e);
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");

        var garden = chat.Server.CreateRoom("Garden", "roses");
        chat.Engine().Rooms.Join(chat.Engine().Sessions.Find(alice)!, "Garden");
        var topic = chat.Server.SetTopic("garden", "tulips");
        var notice = chat.Server.PostNotice("Garden", "watering at noon");

        Assert.AreEqual(("Garden", "roses", (string?)null), (garden.Name, garden.Topic, garden.Owner));
        Assert.AreEqual("The topic is now: tulips", topic.Text);
        Assert.AreEqual("Garden", notice.Room);
        StringAssert.Contains(await reader.ReadStreamUntilAsync("watering at noon"), "The topic is now: tulips");
        var e = await topics.Task.Signal();
        Assert.IsNull(e.ChangedBy);
        Assert.AreEqual("tulips", chat.Server.Rooms.Single(r => r.Name == "Garden").Topic);
        Assert.ThrowsExactly<InvalidOperationException>(() => chat.Server.CreateRoom("GARDEN"));
        Assert.ThrowsExactly<ArgumentException>(() => chat.Server.CreateRoom("no!"));
        Assert.ThrowsExactly<InvalidOperationException>(() => chat.Server.PostNotice("Cellar", "hello?"));
        Assert.ThrowsExactly<InvalidOperationException>(() => chat.Server.SetTopic("Cellar", "dark"));
        Assert.ThrowsExactly<ArgumentException>(() => chat.Server.SetTopic("Garden", new string('x', 501)));
    }

    [TestMethod]
    public async Task A_room_the_host_made_outlives_its_grace_period()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.EmptyRoomGracePeriod = TimeSpan.FromMinutes(1));
        chat.Server.CreateRoom("Garden");

        chat.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.IsTrue(chat.Server.Rooms.Any(r => r.Name == "Garden"));
    }

    [TestMethod]
    public async Task Closing_a_room_moves_its_users_to_the_default_room_with_a_notice()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var closed = new TaskCompletionSource<ChatRoomEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.RoomClosed += (_, e) => closed.TrySetResult(e);
        var (alice, bob) = (await chat.LoginAsync("alice"), await chat.LoginAsync("bob"));
        await using var aliceChat = await chat.OpenChatAsync(alice, "alice joined.");
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        chat.Engine().Rooms.Join(chat.Engine().Sessions.Find(alice)!, "Garden");

        Assert.IsTrue(chat.Server.CloseRoom("garden"));
        chat.Server.PostNotice("back together");

        var text = await aliceChat.ReadStreamUntilAsync("back together");
        StringAssert.Contains(text, "Garden is closed.");
        StringAssert.Contains(await bobChat.ReadStreamUntilAsync("back together"), "alice came from Garden, which was closed.");
        Assert.AreEqual("Lobby", chat.Server.OnlineUsers.Single(u => u.Name == "alice").Room);
        Assert.AreEqual("Garden", (await closed.Task.Signal()).Room.Name);
        Assert.IsFalse(chat.Server.CloseRoom("Garden"), "gone already");
        Assert.ThrowsExactly<InvalidOperationException>(() => chat.Server.CloseRoom("Lobby"));
    }

    [TestMethod]
    public async Task The_host_is_told_which_look_alike_room_blocks_a_new_room_and_how_to_proceed()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var mallory = await chat.LoginAsync("mallory");
        await using var malloryChat = await chat.OpenChatAsync(mallory, "mallory joined.");
        Assert.AreEqual(303, (await chat.SayAsync(mallory, "/join Supp0rt")).Status);

        var refused = Assert.ThrowsExactly<InvalidOperationException>(() => chat.Server.CreateRoom("Support"));

        StringAssert.Contains(refused.Message, "Supp0rt");
        StringAssert.Contains(refused.Message, "CloseRoom");
        Assert.IsFalse(refused.Message.Contains("/join", StringComparison.Ordinal), refused.Message);
        Assert.IsTrue(chat.Server.CloseRoom("Supp0rt"));
        Assert.AreEqual("Support", chat.Server.CreateRoom("Support").Name);
    }
}
