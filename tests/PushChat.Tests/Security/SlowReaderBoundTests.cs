using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Security;

[TestClass]
public sealed class SlowReaderBoundTests
{
    [TestMethod]
    public async Task A_reader_that_never_reads_is_cut_off_near_its_queue_bound_not_megabytes_later()
    {
        using var meters = new TestMeterFactory();
        await using var chat = await ChatTestServer.StartAsync(meterFactory: meters);
        using var drops = new SlowReaderDrops(meters);

        var slowSid = await chat.LoginAsync("slow");
        await using var slow = await chat.OpenNonReadingChatAsync(slowSid);
        var (_, fast) = await chat.EnterAsync("fast");
        await using var f = fast;

        // Each line is 4 KB; the fast reader proves every line was handed to both readers before the next.
        var text = new string('x', 4000);
        var lines = 0;
        while (!drops.Dropped.IsCompleted && lines < 2000)
        {
            chat.Server.PostNotice($"line {++lines} {text}");
            await f.ReadStreamUntilAsync($"line {lines} ");
            f.ClearStreamText();
        }

        var held = lines * 4100L;
        var bound = chat.Server.Engine!.Options.Limits.MaxQueuedBytesPerStream;
        Assert.IsTrue(drops.Dropped.IsCompleted, "the slow reader was never cut off");
        Assert.IsLessThan(bound + (512 * 1024), held, $"the slow reader took {held:N0} bytes before it was cut off; its queue holds {bound:N0}");
    }

    [TestMethod]
    public async Task A_reader_that_never_reads_moved_between_rooms_is_cut_off_without_ever_holding_more_than_its_bound()
    {
        using var meters = new TestMeterFactory();
        await using var chat = await ChatTestServer.StartAsync(meterFactory: meters);
        using var drops = new SlowReaderDrops(meters);

        await using var slow = await NonReadingReaderScene.OpenAsync(chat);
        var queue = slow.Queue;
        var (talker, talkerChat) = await chat.EnterAsync("talker", System.Net.IPAddress.Parse("127.0.0.2"));
        await using var t = talkerChat;

        var moves = 0;
        while (!queue.IsClosed && moves < 200)
        {
            Assert.IsTrue(chat.Server.MoveUser("slow", ++moves % 2 == 1 ? "Den" : "Lobby"));
        }

        await drops.Dropped.WaitAsync(RawHttpClient.SafetyTimeout);
        var bound = chat.Server.Engine!.Options.Limits.MaxQueuedBytesPerStream;
        Assert.IsLessThanOrEqualTo(bound, queue.PeakCountedBytes, $"the reader held {queue.PeakCountedBytes:N0} bytes against a bound of {bound:N0}");
        // How many moves it took depends on whether the server's fan-out thread was busy (then the
        // replays are queued to it and applied a moment later); the cut-off and the peak do not.

        // Everyone else chats on.
        Assert.AreEqual(303, (await chat.SayAsync(talker, "still chatting")).Status);
        await t.ReadStreamUntilAsync("still chatting");
    }
}
