using PushChat.Internal.Transport;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Security;

/// <summary>What a reader that never reads costs the server, read from the server's own accounting.</summary>
[TestClass]
public sealed class NeverReadingReaderTests
{
    // What the client may have taken off its socket before it stopped reading: one read of its
    // 64 KiB buffer while it read the response head, and its receive buffer (4 KiB asked, which
    // Linux doubles).
    private const int ClientTook = (64 * 1024) + (2 * 4096);

    [TestMethod]
    public async Task A_reader_that_never_reads_holds_at_most_its_bound_plus_its_socket_buffer_whatever_it_does()
    {
        using var meters = new TestMeterFactory();
        await using var chat = await ChatTestServer.StartAsync(meterFactory: meters);
        using var drops = new SlowReaderDrops(meters);

        await using var slow = await NonReadingReaderScene.OpenAsync(chat);
        var queue = slow.Queue;
        var bound = chat.Server.Engine!.Options.Limits.MaxQueuedBytesPerStream;

        // Lines in its room, a move now and then, until it is cut off.
        var room = "Lobby";
        var sendBuffer = 0;
        for (var step = 1; !queue.IsClosed && step <= 2000; step++)
        {
            sendBuffer = Math.Max(sendBuffer, SendBufferOf(queue));
            if (step % 40 == 0)
            {
                room = room == "Lobby" ? "Den" : "Lobby";
                Assert.IsTrue(chat.Server.MoveUser("slow", room));
            }
            else
            {
                chat.Server.PostNotice(room, $"{room} line {step} {NonReadingReaderScene.Kilobyte}");
            }
        }

        await drops.Dropped.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.IsLessThanOrEqualTo(bound, queue.PeakCountedBytes, $"the server held {queue.PeakCountedBytes:N0} bytes for the reader against a bound of {bound:N0}");
        Assert.IsGreaterThan(0, sendBuffer, "the reader's socket buffer was read");
        Assert.IsLessThanOrEqualTo(sendBuffer + ClientTook, queue.Sender.SentBytes, $"{queue.Sender.SentBytes:N0} bytes left the queue for a socket buffer of {sendBuffer:N0}");
    }

    private static int SendBufferOf(OutboundQueue queue)
    {
        try
        {
            return ((SocketSender)queue.Sender).SendBufferSize;
        }
        catch (ObjectDisposedException)
        {
            // Cut off meanwhile: its buffer was read before.
            return 0;
        }
    }
}
