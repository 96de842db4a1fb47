using System.Text;
using PushChat.LoadClient.Streams;

namespace PushChat.Tests.LoadClient;

/// <summary>The load client's reader of PushChat's Server-Sent Events: lines found whatever the read boundaries.</summary>
[TestClass]
public sealed class SseDecoderTests
{
    private const string Stream =
        "retry: 2000\n\n" +
        "event: room\ndata: {\"type\":\"room\",\"room\":\"Lobby\",\"topic\":\"\",\"owner\":null,\"position\":\"1:4\"}\n\n" +
        "event: presence\ndata: {\"type\":\"presence\",\"room\":\"Lobby\",\"users\":[]}\n\n" +
        "event: line\ndata: {\"type\":\"line\",\"seq\":5,\"kind\":\"system\",\"from\":null,\"text\":\"r1 joins\"}\nid: 1:5,2:0\n\n" +
        ": keep-alive\n\n" +
        "event: line\ndata: {\"type\":\"line\",\"seq\":6,\"kind\":\"public\",\"from\":\"r1\",\"text\":\"@1.100.xxxx\"}\nid: 1:6,2:0\n\n" +
        "event: bye\ndata: {\"type\":\"bye\",\"reason\":\"left\",\"text\":\"@9.9.\"}\n\n" +
        "event: line\ndata: {\"type\":\"line\",\"seq\":7,\"kind\":\"public\",\"from\":\"r2\",\"text\":\"@2.200.\"}\nid: 1:7,2:0\n\n";

    [TestMethod]
    public void Only_line_events_with_a_marker_are_lines()
    {
        var sink = new RecordingSink();
        var decoder = new SseDecoder(sink);

        decoder.Feed(Bytes(Stream), now: 5);

        CollectionAssert.AreEqual(new[] { "1.100", "2.200" }, sink.Markers());
        Assert.IsTrue(sink.Lines.All(l => l.Now == 5));
        Assert.AreEqual("1:7,2:0", decoder.LastEventId);
    }

    [TestMethod]
    [DataRow("\n")]
    [DataRow("\r\n")]
    [DataRow("\r")]
    public void Every_split_into_two_reads_gives_the_same_lines(string lineBreak)
    {
        var bytes = Bytes(Stream.Replace("\n", lineBreak, StringComparison.Ordinal));
        for (var k = 0; k <= bytes.Length; k++)
        {
            var sink = new RecordingSink();
            var decoder = new SseDecoder(sink);
            decoder.Feed(bytes.AsSpan(0, k), now: 1);
            decoder.Feed(bytes.AsSpan(k), now: 2);

            CollectionAssert.AreEqual(new[] { "1.100", "2.200" }, sink.Markers(), $"split at {k}");
            Assert.AreEqual("1:7,2:0", decoder.LastEventId, $"split at {k}");
        }
    }

    [TestMethod]
    public void Byte_by_byte_gives_the_same_lines()
    {
        var sink = new RecordingSink();
        var decoder = new SseDecoder(sink);
        foreach (var b in Bytes(Stream.Replace("\n", "\r\n", StringComparison.Ordinal)))
        {
            decoder.Feed(new[] { b }, now: 3);
        }

        CollectionAssert.AreEqual(new[] { "1.100", "2.200" }, sink.Markers());
    }

    [TestMethod]
    public void A_line_counts_when_its_event_ends_and_at_the_time_of_that_read()
    {
        var sink = new RecordingSink();
        var decoder = new SseDecoder(sink);

        decoder.Feed(Bytes("event: line\ndata: {\"type\":\"line\",\"text\":\"@3.30.\"}\nid: 1:1,2:0\n"), now: 10);
        Assert.AreEqual(0, sink.Lines.Count, "the event has not ended yet");

        decoder.Feed(Bytes("\n"), now: 11);
        Assert.AreEqual((3L, 30L, 11L), sink.Lines.Single());
    }

    [TestMethod]
    public void Fields_follow_the_event_stream_rules()
    {
        // No space after the colon, the event named after its data, an unknown field: still one line.
        var sink = new RecordingSink();
        var decoder = new SseDecoder(sink);

        decoder.Feed(Bytes("data:{\"type\":\"line\",\"text\":\"@4.40.\"}\nfoo: bar\nevent:line\n\n"), now: 1);
        decoder.Feed(Bytes("event: line\n\n"), now: 2);
        decoder.Feed(Bytes("event: message\ndata: {\"type\":\"line\",\"text\":\"@5.50.\"}\n\n"), now: 3);

        CollectionAssert.AreEqual(new[] { "4.40" }, sink.Markers(), "an event without data or named otherwise is not a line");
    }

    [TestMethod]
    public void The_room_event_says_the_reader_is_in_its_room()
    {
        var decoder = new SseDecoder(new RecordingSink());
        decoder.Feed(Bytes("retry: 2000\n\nevent: room\ndata: {\"type\":\"room\",\"room\":\"Lobby\"}\n"), now: 1);
        Assert.IsFalse(decoder.InRoom, "the event has not ended yet");

        decoder.Feed(Bytes("\n"), now: 2);
        Assert.IsTrue(decoder.InRoom);
    }

    [TestMethod]
    public void A_line_longer_than_the_limit_is_refused()
    {
        var decoder = new SseDecoder(new RecordingSink(), maxLineBytes: 64);
        decoder.Feed(Bytes("data: " + new string('x', 40)), now: 1);

        Assert.ThrowsExactly<InvalidDataException>(() => decoder.Feed(Bytes(new string('x', 40)), now: 2));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
