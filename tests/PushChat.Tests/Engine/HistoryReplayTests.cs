using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class HistoryReplayTests
{
    [TestMethod]
    public async Task A_new_reader_gets_a_history_larger_than_its_live_queue_bound()
    {
        // 100 lines of 500 quotes escape to about 300 KB, more than the 256 KiB bound: the replay goes out as the reader drains.
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.MessageFilters.Clear();
            o.Limits.MaxLinesPerAddress = 0;
        });
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        var quotes = new string('"', 500);
        for (var i = 0; i < 100; i++)
        {
            Assert.AreEqual(303, (await chat.SayAsync(alice, quotes)).Status);
        }

        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");
        chat.Server.PostNotice("after the replay");

        var text = await bobChat.ReadStreamUntilAsync("after the replay");
        Assert.IsTrue(text.Length > 256 * 1024, $"the whole history arrived ({text.Length} characters)");
        Assert.AreEqual(1, chat.Server.Rooms.Count);
        Assert.AreEqual(2, chat.Server.OnlineUsers.Count, "bob's reader was not cut off");
        var queue = ((HttpConnection)((ForeverFrameStream)chat.Server.Engine!.Sessions.Find(bob)!.Streams.Single()).Transport).Output;
        Assert.IsLessThanOrEqualTo(256 * 1024, queue.PeakCountedBytes, "the replay went out as bob read, within the bound");
    }

    [TestMethod]
    public async Task Options_whose_queue_bound_cannot_hold_one_line_are_refused()
    {
        var options = new ChatServerOptions { Port = 0 };
        options.Limits.MaxMessageLength = 100_000;
        options.Limits.MaxQueuedBytesPerStream = 64 * 1024;
        await using var server = new ChatServer(options);

        var error = await Assert.ThrowsExactlyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => server.StartAsync());

        StringAssert.Contains(error.Message, "MaxQueuedBytesPerStream");
    }
}
