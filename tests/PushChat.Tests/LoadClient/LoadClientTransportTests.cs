using System.Diagnostics;
using PushChat.LoadClient;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.LoadClient;

/// <summary>
/// The benchmark's readers against a real server over loopback: on each PushChat transport a
/// reader subscribes as its browser would and finds the lines a session posts by the talk form.
/// </summary>
[TestClass]
public sealed class LoadClientTransportTests
{
    [TestMethod]
    [DataRow("forever")]
    [DataRow("events")]
    [DataRow("ws")]
    public async Task A_reader_finds_the_lines_posted_in_its_room(string transport)
    {
        await using var chat = await ChatTestServer.StartAsync();
        var protocol = ChatProtocol.For(transport);
        var run = new Run(ClientOptions.Parse(new[] { "--readers", "1", "--speakers", "1", "--sync-timeout", "10" }), protocol);
        using var reader = new Reader(0, counted: false, slow: false, run);
        reader.Subscribe(chat.EndPoint);
        using var speaker = new Speaker(0, protocol, reader.Session, TimeSpan.FromSeconds(10));
        speaker.Connect(chat.EndPoint);

        Assert.AreEqual(303, speaker.Post("@0.9."), "a sync line");
        Assert.AreEqual(303, speaker.Post("@5.1234.xxxx"));
        Assert.AreEqual(303, speaker.Post("@6.1235.xxxx"));
        ReadUntil(reader, () => reader.Received == 2);

        Assert.AreEqual(9L, reader.SyncId);
        Assert.AreEqual(0L, reader.OutOfOrder);
    }

    /// <summary>Reads the reader's socket as its read loop would, until <paramref name="done"/> or ten seconds.</summary>
    private static void ReadUntil(Reader reader, Func<bool> done)
    {
        var buffer = new byte[64 * 1024];
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(10), $"only {reader.Received} lines arrived");
            var read = reader.Connection.Socket.Receive(buffer);
            Assert.AreNotEqual(0, read, "the server closed the stream");
            reader.Feed(buffer.AsSpan(0, read), Stopwatch.GetTimestamp());
        }
    }
}
