using PushChat.Internal.Chat.Changes;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Rooms;

/// <summary>One user cannot hold every room slot, nor open a room that passes for another.</summary>
[TestClass]
public sealed class RoomSquattingTests
{
    [TestMethod]
    public async Task A_room_whose_name_looks_like_another_by_its_skeleton_is_refused_with_the_real_name()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var mallory = chat.Enter("mallory", ChatRole.Guest);

        foreach (var lookAlike in new[] { "L\u043Ebby", "LOBBY", "L0bby" })
        {
            var refused = chat.Engine().Rooms.Join(mallory, lookAlike);
            if (lookAlike == "LOBBY")
            {
                Assert.AreEqual("Lobby", refused.Value?.Name, "the same name in another case is the same room");
                continue;
            }

            Assert.AreEqual(409, refused.StatusCode, lookAlike);
            StringAssert.Contains(refused.Error?.ToString(), "/join Lobby", lookAlike);
        }

        Assert.AreEqual(1, chat.Server.Rooms.Count);
    }

    [TestMethod]
    public async Task One_user_holds_at_most_three_rooms_and_opens_them_on_a_budget()
    {
        // Empty rooms and the stream-less session stay while the clock runs past the creation budget's window.
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.EmptyRoomGracePeriod = TimeSpan.FromDays(1);
            o.StreamOpenTimeout = TimeSpan.FromDays(1);
            o.SessionIdleTimeout = TimeSpan.FromDays(1);
        });
        var engine = chat.Engine();
        var gus = chat.Enter("gus", ChatRole.Guest);
        foreach (var name in new[] { "A", "B", "C" })
        {
            Assert.IsNull(engine.Rooms.Join(gus, name).Error, name);
        }

        var fourth = engine.Rooms.Join(gus, "D");
        Assert.AreNotEqual(null, fourth.Error?.ToString());
        Assert.IsTrue(fourth.StatusCode is 403 or 429, fourth.Error?.ToString());
        chat.Time.Advance(TimeSpan.FromMinutes(10));
        fourth = engine.Rooms.Join(gus, "D");
        Assert.AreEqual(403, fourth.StatusCode, fourth.Error?.ToString());
        StringAssert.Contains(fourth.Error?.ToString(), "close one first");
        Assert.IsFalse(engine.Moderate(new RoomClosedByUser(gus.Id)).IsRefused, "gus closes C, the room he is in");
        Assert.IsNull(engine.Rooms.Join(gus, "D").Error);
        Assert.AreEqual(4, chat.Server.Rooms.Count);
    }
}
