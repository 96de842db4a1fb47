using PushChat.Filtering;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class FilteredLineRoomTests
{
    [TestMethod]
    public async Task A_line_approved_for_one_room_is_refused_when_its_sender_moved_while_the_filter_ran()
    {
        var filter = new HeldFilter();
        await using var chat = await ChatTestServer.StartAsync(o => o.MessageFilters.Add(filter));
        chat.Server.CreateRoom("Den");
        var (alice, aliceChat) = await chat.EnterAsync("alice");
        await using var a = aliceChat;
        var (_, bobChat) = await chat.EnterAsync("bob");
        await using var b = bobChat;

        var say = chat.SayAsync(alice, "meant for the lobby");
        var approvedFor = await filter.Entered.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.IsTrue(chat.Server.MoveUser("alice", "Den"));
        filter.Release.SetResult();
        var response = await say;

        Assert.AreEqual("Lobby", approvedFor);
        Assert.AreEqual(409, response.Status);
        StringAssert.Contains(response.Body, "not sent");
        var den = chat.Server.Engine!.State.Rooms.Find("Den")!.LinesAfter(0).Select(l => l.Message.Text).ToArray();
        var lobby = chat.Server.Engine.State.Rooms.Default.LinesAfter(0).Select(l => l.Message.Text).ToArray();
        CollectionAssert.DoesNotContain(den, "meant for the lobby", "not said in a room it was not approved for");
        CollectionAssert.DoesNotContain(lobby, "meant for the lobby", "nor in a room its sender left");
    }

    [TestMethod]
    public async Task A_line_whose_sender_stayed_goes_to_the_room_it_was_approved_for()
    {
        var filter = new HeldFilter();
        await using var chat = await ChatTestServer.StartAsync(o => o.MessageFilters.Add(filter));
        var (alice, aliceChat) = await chat.EnterAsync("alice");
        await using var a = aliceChat;

        var say = chat.SayAsync(alice, "still here");
        await filter.Entered.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        filter.Release.SetResult();

        Assert.AreEqual(303, (await say).Status);
        await a.ReadStreamUntilAsync("still here");
    }

    private sealed class HeldFilter : IMessageFilter
    {
        public TaskCompletionSource<string> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken)
        {
            Entered.TrySetResult(context.Room);
            await Release.Task.ConfigureAwait(false);
            return MessageFilterResult.Allow();
        }
    }
}
