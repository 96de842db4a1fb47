using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Rooms;

[TestClass]
public sealed partial class RoomMoveTests
{
    [TestMethod]
    public async Task A_move_keeps_the_stream_without_losing_or_repeating_a_line_and_rooms_stay_apart()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var moved = new TaskCompletionSource<ChatUserMovedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.UserMoved += (_, e) => moved.TrySetResult(e);
        var (alice, bob, carol) = (await chat.LoginAsync("alice"), await chat.LoginAsync("bob"), await chat.LoginAsync("carol"));
        await using var aliceChat = await chat.OpenChatAsync(alice, "alice joined.");
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        await using var carolChat = await chat.OpenChatAsync(carol, "carol joined.");
        Assert.AreEqual(303, (await JoinAsync(chat, carol, "Garden")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(carol, "garden one")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(bob, "lobby one")).Status);
        await aliceChat.ReadStreamUntilAsync("lobby one");

        Assert.AreEqual(303, (await JoinAsync(chat, alice, "garden")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(bob, "lobby two")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(alice, "garden two")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(carol, "garden three")).Status);

        var text = await aliceChat.ReadStreamUntilAsync("garden three");
        foreach (var line in new[] { "lobby one", "garden one", "garden two", "garden three", "alice joined." })
        {
            Assert.AreEqual(line == "alice joined." ? 2 : 1, Count(text, line), $"{line} in\n{text}");
        }

        Assert.AreEqual(0, Count(text, "lobby two"), "a line of the room left behind never arrives");
        const string leaving = "alice went to Garden.";
        var gardenIds = Ids(text[(text.LastIndexOf(leaving, StringComparison.Ordinal) + leaving.Length)..]);
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, gardenIds, "the garden's history, then its live lines: its own numbers, in order, none twice");
        var lobby = await bobChat.ReadStreamUntilAsync("lobby two");
        Assert.AreEqual(0, Count(lobby, "garden"), "nothing said in the garden reaches the lobby");
        StringAssert.Contains(lobby, "alice went to Garden.");
        var e = await moved.Task.Signal();
        Assert.AreEqual(("carol", "Lobby", "Garden"), (e.User.Name, e.FromRoom, e.User.Room));
    }

    [TestMethod]
    public async Task After_a_move_the_frames_show_the_new_room_and_the_form_returns_to_its_frame()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");

        var join = await JoinAsync(chat, alice, "Garden");
        var fromTalk = await chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Join, $"sid={alice}&room=Garden&frame=talk"));
        var unknown = await JoinAsync(chat, "no-such-session", "Garden");

        Assert.AreEqual(303, join.Status);
        Assert.AreEqual($"{ChatRoutes.Names}?sid={alice}", join.Headers["Location"]);
        Assert.AreEqual($"{ChatRoutes.Talk}?sid={alice}", fromTalk.Headers["Location"]);
        Assert.AreEqual(404, unknown.Status);
        StringAssert.Contains((await chat.RequestAsync(ChatTestServer.Get($"/room?sid={alice}"))).Body, "<title>Garden · PushChat</title>");
        StringAssert.Contains(await chat.NamesAsync(alice), "<h2>Garden");
        StringAssert.Contains((await chat.RequestAsync(ChatTestServer.Get($"/talk?sid={alice}"))).Body, "Garden");
        await using var refusedFrame = await chat.ConnectAsync();
        await refusedFrame.SendAsync(ChatTestServer.Post(ChatRoutes.Join, $"sid={alice}&room={Uri.EscapeDataString("bad!name")}"));
        Assert.AreEqual(400, (await refusedFrame.ReadResponseAsync()).Status, "the names frame comes back with why");
        StringAssert.Contains(await refusedFrame.ReadStreamUntilAsync(ChatTestServer.NamesListEnd), "room name");
    }

    private static Task<RawResponse> JoinAsync(ChatTestServer chat, string sessionId, string room) =>
        chat.RequestAsync(ChatTestServer.Post(ChatRoutes.Join, $"sid={sessionId}&room={Uri.EscapeDataString(room)}"));

    private static int Count(string text, string what) => text.Split(what).Length - 1;

    private static int[] Ids(string text) =>
        LineId().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [GeneratedRegex("data-seq=\"(\\d+)\"")]
    private static partial Regex LineId();
}
