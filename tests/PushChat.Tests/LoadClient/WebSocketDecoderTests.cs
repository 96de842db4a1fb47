using System.Text;
using PushChat.LoadClient.Streams;

namespace PushChat.Tests.LoadClient;

/// <summary>The load client's reader of PushChat's WebSocket: lines found and the server answered, whatever the read boundaries.</summary>
[TestClass]
public sealed class WebSocketDecoderTests
{
    [TestMethod]
    [DataRow(80)]
    [DataRow(125)]
    [DataRow(126)]
    [DataRow(1_000)]
    [DataRow(65_535)]
    [DataRow(65_536)]
    [DataRow(100_000)]
    public void A_line_item_in_a_frame_of_each_length_form_is_a_line(int itemLength)
    {
        var sink = new RecordingSink();
        var decoder = new WebSocketDecoder(sink, sink);

        decoder.Feed(ServerFrames.Text(ServerFrames.LineItem(7, 70, itemLength)), now: 9);

        Assert.AreEqual((7L, 70L, 9L), sink.Lines.Single());
    }

    [TestMethod]
    public void Items_other_than_lines_are_not_lines()
    {
        var sink = new RecordingSink();
        var decoder = new WebSocketDecoder(sink, sink);

        decoder.Feed(Concat(
            ServerFrames.Text("{\"type\":\"welcome\",\"protocol\":1,\"user\":\"r1\"}"),
            ServerFrames.Text("{\"type\":\"bye\",\"reason\":\"left\",\"text\":\"@1.2.\"}"),
            ServerFrames.Text("{\"type\":\"line\",\"kind\":\"system\",\"text\":\"r1 joins\"}")), now: 1);

        Assert.AreEqual(0, sink.Lines.Count);
    }

    [TestMethod]
    public void Every_split_into_two_reads_gives_the_same_lines_and_answers()
    {
        var stream = Conversation();
        var whole = Decode(new[] { stream });
        CollectionAssert.AreEqual(new[] { "1.10", "2.20", "3.30", "4.40" }, whole.Markers());
        Assert.AreEqual(2, whole.Replies.Count, "a pong and the close's answer");

        for (var k = 0; k <= stream.Length; k++)
        {
            var split = Decode(new[] { stream[..k], stream[k..] });
            CollectionAssert.AreEqual(whole.Markers(), split.Markers(), $"split at {k}");
            Assert.AreEqual(whole.Replies.Count, split.Replies.Count, $"split at {k}");
        }
    }

    [TestMethod]
    public void Byte_by_byte_gives_the_same_lines()
    {
        var stream = Conversation();
        var sink = Decode(stream.Select(b => new[] { b }));

        CollectionAssert.AreEqual(new[] { "1.10", "2.20", "3.30", "4.40" }, sink.Markers());
    }

    [TestMethod]
    public void A_ping_is_answered_by_a_masked_pong_with_its_payload()
    {
        var sink = new RecordingSink();
        var decoder = new WebSocketDecoder(sink, sink);

        decoder.Feed(ServerFrames.Frame(0x9, Encoding.ASCII.GetBytes("are you there")), now: 1);

        var (first, payload) = ServerFrames.ReadClientFrame(sink.Replies.Single());
        Assert.AreEqual(0x8A, first, "FIN and the pong opcode");
        Assert.AreEqual("are you there", Encoding.ASCII.GetString(payload));
    }

    [TestMethod]
    public void A_close_is_answered_once_with_its_status_code()
    {
        var sink = new RecordingSink();
        var decoder = new WebSocketDecoder(sink, sink);

        decoder.Feed(ServerFrames.Frame(0x8, new byte[] { 0x03, 0xE9, (byte)'b', (byte)'y', (byte)'e' }), now: 1);
        decoder.Feed(ServerFrames.Frame(0x8, new byte[] { 0x03, 0xE9 }), now: 2);

        var (first, payload) = ServerFrames.ReadClientFrame(sink.Replies.Single());
        Assert.AreEqual(0x88, first, "FIN and the close opcode");
        CollectionAssert.AreEqual(new byte[] { 0x03, 0xE9 }, payload, "1001 echoed (RFC 6455 §5.5.1)");
        Assert.IsTrue(decoder.CloseReceived);
    }

    [TestMethod]
    public void The_room_item_says_the_reader_is_in_its_room()
    {
        var sink = new RecordingSink();
        var decoder = new WebSocketDecoder(sink, sink);
        decoder.Feed(ServerFrames.Text("{\"type\":\"welcome\",\"protocol\":1,\"user\":\"r1\"}"), now: 1);
        Assert.IsFalse(decoder.InRoom, "welcome comes before the join");

        decoder.Feed(ServerFrames.Text("{\"type\":\"room\",\"room\":\"Lobby\",\"topic\":\"\",\"owner\":null,\"position\":\"1:4\"}"), now: 2);
        Assert.IsTrue(decoder.InRoom);
    }

    [TestMethod]
    public void A_pong_from_the_server_is_ignored()
    {
        var sink = new RecordingSink();
        var decoder = new WebSocketDecoder(sink, sink);

        decoder.Feed(ServerFrames.Frame(0xA, new byte[] { 1 }), now: 1);

        Assert.AreEqual(0, sink.Replies.Count);
        Assert.IsFalse(decoder.CloseReceived);
    }

    [TestMethod]
    public void Frames_a_server_must_not_send_are_refused()
    {
        var refused = new (string Why, byte[] Frame)[]
        {
            ("masked (RFC 6455 §5.1)", ServerFrames.Frame(0x1, new byte[] { (byte)'{', (byte)'}' }, mask: new byte[] { 9, 8, 7, 6 })),
            ("a reserved bit without an extension", ServerFrames.Frame(0x1, new byte[] { (byte)'{', (byte)'}' }, reserved: 0b100)),
            ("a continuation with nothing to continue", ServerFrames.Frame(0x0, new byte[] { (byte)'x' })),
            ("a fragmented ping", ServerFrames.Frame(0x9, new byte[] { 1 }, fin: false)),
            ("a control frame over 125 bytes", ServerFrames.Frame(0x9, new byte[126])),
            ("an unknown opcode", ServerFrames.Frame(0x3, new byte[] { 1 })),
            ("a message over the limit", ServerFrames.Text(new string('x', 2_000))),
        };

        foreach (var (why, frame) in refused)
        {
            var sink = new RecordingSink();
            var decoder = new WebSocketDecoder(sink, sink, maxMessageBytes: 1_024);
            Assert.ThrowsExactly<InvalidDataException>(() => decoder.Feed(frame, now: 1), why);
        }
    }

    [TestMethod]
    public void A_new_text_message_inside_a_fragmented_one_is_refused()
    {
        var sink = new RecordingSink();
        var decoder = new WebSocketDecoder(sink, sink);
        decoder.Feed(ServerFrames.Text("{\"type\":", fin: false), now: 1);

        Assert.ThrowsExactly<InvalidDataException>(() => decoder.Feed(ServerFrames.Text("{}"), now: 2));
    }

    // Lines in every length form, a ping, a text message in three fragments with a ping between
    // them, and a close: what a reader may meet, in one stream.
    private static byte[] Conversation()
    {
        var fragmented = ServerFrames.LineItem(3, 30, 400);
        return Concat(
            ServerFrames.Text("{\"type\":\"welcome\",\"protocol\":1,\"session\":\"s\",\"token\":\"t\",\"user\":\"r1\"}"),
            ServerFrames.Text(ServerFrames.LineItem(1, 10)),
            ServerFrames.Frame(0x9, new byte[] { 7 }),
            ServerFrames.Text(ServerFrames.LineItem(2, 20, 300)),
            ServerFrames.Text(fragmented[..100], fin: false),
            ServerFrames.Frame(0x0, Encoding.UTF8.GetBytes(fragmented[100..200]), fin: false),
            ServerFrames.Frame(0xA, Array.Empty<byte>()),
            ServerFrames.Frame(0x0, Encoding.UTF8.GetBytes(fragmented[200..])),
            ServerFrames.Text(ServerFrames.LineItem(4, 40, 70_000)),
            ServerFrames.Frame(0x8, new byte[] { 0x03, 0xE8 }));
    }

    private static RecordingSink Decode(IEnumerable<byte[]> reads)
    {
        var sink = new RecordingSink();
        var decoder = new WebSocketDecoder(sink, sink);
        foreach (var read in reads)
        {
            decoder.Feed(read, now: 1);
        }

        return sink;
    }

    private static byte[] Concat(params byte[][] frames) => frames.SelectMany(f => f).ToArray();
}
