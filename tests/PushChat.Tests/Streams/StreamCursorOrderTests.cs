using System.Text;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Localization;

namespace PushChat.Tests.Streams;

/// <summary>A stream passes an item on once, whatever order a replay and the item's own fan-out reach it in.</summary>
[TestClass]
public sealed class StreamCursorOrderTests
{
    [TestMethod]
    public void A_line_still_on_its_way_when_the_reader_moves_away_and_back_is_sent_once()
    {
        var roomA = new ItemLog(10, 100);
        var roomB = new ItemLog(11, 100);
        var mailbox = new ItemLog(1, 100, isMailbox: true);
        var transport = new RecordingPushTransport();
        var stream = new WebSocketItems(transport, new Reader(), 0, _ => { }, null, _ => { });
        stream.Replay(Replay(roomA, mailbox, [], isMove: false), 0);
        var line = new ChatLine(new ChatMessage("A", 1, ChatMessageKind.Public, "ann", null, "said once", DateTimeOffset.UnixEpoch), LineAudience.Room, new LineEncoders(new ChatLanguages(new[] { ChatLanguage.English }, "en")), stamp: 1);

        // Said in A and queued for the reader; the reader goes to B and back before the fan-out reaches it.
        roomA.Append(line);
        stream.Replay(Replay(roomB, mailbox, [], isMove: true), 0);
        stream.Replay(Replay(roomA, mailbox, roomA.FromStart(), isMove: true), 0);
        stream.Deliver([line], 0, null!);

        Assert.AreEqual(1, transport.Written.Count(text => text.Contains("said once", StringComparison.Ordinal)), string.Join("\n", transport.Written));
    }

    private static StreamReplay Replay(ItemLog room, ItemLog mailbox, IReadOnlyList<PushItem> items, bool isMove) =>
        new("A", null, null, new LogPosition(room.Epoch, 0), new LogPosition(mailbox.Epoch, 0), room.HeadPosition, mailbox.HeadPosition, items, [], () => "{}"u8.ToArray(), isMove);

    private sealed class Reader : IPushReader
    {
        public int LanguageIndex => 0;

        public string SessionId => "s";

        public bool Ignores(string userName, long stamp) => false;
    }

    /// <summary>Keeps every write as text, in order.</summary>
    private sealed class RecordingPushTransport : IPushTransport
    {
        public List<string> Written { get; } = [];

        public bool WriteNow(ReadOnlyMemory<byte> body, bool bounded) => Write(body, batch: null, bounded);

        public bool Write(ReadOnlyMemory<byte> body, DrainBatch? batch, bool bounded)
        {
            Written.Add(Encoding.UTF8.GetString(body.Span));
            return true;
        }

        public void WriteReplay(ReadOnlyMemory<byte>[] lines)
        {
            foreach (var line in lines)
            {
                Write(line, null, bounded: true);
            }
        }

        public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, WriteStarts starts)
        {
            foreach (var line in lines)
            {
                Write(line, null, bounded: true);
            }
        }

        public void EndStream(ReadOnlyMemory<byte> finalBody)
        {
        }

        public void SetClosedHandler(Action onClosed)
        {
        }
    }
}
