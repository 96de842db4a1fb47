using System.Runtime.InteropServices;
using System.Text;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Localization;

namespace PushChat.Tests.Streams;

/// <summary>How the SSE stream hands an item to its connection: shared with its id where readers share the id.</summary>
[TestClass]
public sealed class EventStreamSharingTests
{
    private static readonly LineEncoders Encoders = new(new ChatLanguages(new[] { ChatLanguage.English }, "en"));

    [TestMethod]
    public void Readers_at_the_same_cursor_get_each_item_and_its_id_as_one_shared_chunk()
    {
        var room = new ItemLog(10, 100);
        var mailbox = new ItemLog(1, 100, isMailbox: true);
        var first = new PiecesTransport();
        var second = new PiecesTransport();
        var one = Open(first, room, mailbox);
        var other = Open(second, room, mailbox);
        var line = Line("hello");
        room.Append(line);

        one.Deliver([line], 0, null!);
        other.Deliver([line], 0, null!);

        Assert.HasCount(1, first.Delivered);
        Assert.HasCount(1, second.Delivered);
        Assert.AreSame(ArrayOf(first.Delivered[0]), ArrayOf(second.Delivered[0]), "one buffer for every reader at the cursor");
        var payload = Payload(first.Delivered);
        StringAssert.StartsWith(payload, "event: line\ndata: {");
        StringAssert.EndsWith(payload, "}\nid: 10:1,0:0\n\n");
    }

    [TestMethod]
    public void A_reader_with_a_mailbox_of_its_own_gets_the_same_event_and_its_own_id()
    {
        var room = new ItemLog(10, 100);
        var mailbox = new ItemLog(1, 100, isMailbox: true);
        var whisper = Line("for you");
        mailbox.Append(whisper);
        var shared = new PiecesTransport();
        var own = new PiecesTransport();
        var one = Open(shared, room, new ItemLog(2, 100, isMailbox: true));
        var other = Open(own, room, mailbox);
        var line = Line("hello");
        room.Append(line);

        one.Deliver([line], 0, null!);
        other.Deliver([line], 0, null!);

        Assert.AreEqual(Payload(shared.Delivered).Replace("0:0\n\n", "1:1\n\n", StringComparison.Ordinal), Payload(own.Delivered));
    }

    private static EventStreamItems Open(PiecesTransport transport, ItemLog room, ItemLog mailbox)
    {
        var stream = new EventStreamItems(transport, new Reader(), 0, _ => { }, null);
        stream.Replay(new StreamReplay("A", null, null, new LogPosition(room.Epoch, 0), new LogPosition(mailbox.Epoch, 0), room.HeadPosition, mailbox.HeadPosition, [], [], () => "{}"u8.ToArray(), false), 0);
        return stream;
    }

    private static ChatLine Line(string text) =>
        new(new ChatMessage("A", 1, ChatMessageKind.Public, "ann", null, text, DateTimeOffset.UnixEpoch), LineAudience.Room, Encoders, stamp: 1);

    private static byte[] ArrayOf(ReadOnlyMemory<byte> piece) => MemoryMarshal.TryGetArray(piece, out var segment) ? segment.Array! : throw new InvalidOperationException();

    /// <summary>The chunks' payloads, joined: what the browser reads.</summary>
    private static string Payload(IEnumerable<ReadOnlyMemory<byte>> chunks) =>
        string.Concat(chunks.Select(chunk => Encoding.UTF8.GetString(ChunkFraming.Payload(chunk).Span)));

    private sealed class Reader : IPushReader
    {
        public int LanguageIndex => 0;

        public string SessionId => "s";

        public bool Ignores(string userName, long stamp) => false;
    }

    /// <summary>Keeps the pieces of each fan-out's delivery as they were handed over.</summary>
    private sealed class PiecesTransport : IPushTransport
    {
        public List<ReadOnlyMemory<byte>> Delivered { get; } = [];

        public bool WriteNow(ReadOnlyMemory<byte> body, bool bounded) => true;

        public bool Write(ReadOnlyMemory<byte> body, DrainBatch? batch, bool bounded) => true;

        public void WriteReplay(ReadOnlyMemory<byte>[] lines)
        {
        }

        public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, WriteStarts starts) => Delivered.AddRange(lines.ToArray());

        public void EndStream(ReadOnlyMemory<byte> finalBody)
        {
        }

        public void SetClosedHandler(Action onClosed)
        {
        }
    }
}
