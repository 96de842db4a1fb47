using Microsoft.Extensions.Options;

namespace PushChat.Tests.Rooms;

[TestClass]
public sealed class RoomOptionsTests
{
    [TestMethod]
    public void Room_options_have_their_documented_defaults()
    {
        var options = new ChatServerOptions();

        Assert.IsTrue(options.AllowUserRooms);
        Assert.AreEqual(TimeSpan.FromMinutes(5), options.EmptyRoomGracePeriod);
        Assert.AreEqual(100, options.FoldNoticesAbove);
        Assert.AreEqual(100, options.Limits.MaxRooms);
        Assert.AreEqual(1_000, options.Limits.MaxRoomOccupants);
    }

    [TestMethod]
    public async Task Invalid_room_options_fail_at_start_with_clear_messages()
    {
        var options = new ChatServerOptions { Port = 0, EmptyRoomGracePeriod = TimeSpan.FromSeconds(-1), FoldNoticesAbove = -1, DefaultRoom = "Lobby!" };
        options.Limits.MaxRooms = 0;
        options.Limits.MaxRoomOccupants = 0;
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "EmptyRoomGracePeriod must not be negative.");
        StringAssert.Contains(error.Message, "FoldNoticesAbove must not be negative");
        StringAssert.Contains(error.Message, "Limits.MaxRooms must be at least 1 (the default room).");
        StringAssert.Contains(error.Message, "Limits.MaxRoomOccupants must be at least 1.");
        StringAssert.Contains(error.Message, "DefaultRoom 'Lobby!' is not a valid room name");
    }
}
