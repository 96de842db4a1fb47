using PushChat.Internal.Push;

using PushChat.Localization;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class ItemLogTests
{
    private static readonly LineEncoders NoEncoders = new(new ChatLanguages(new[] { ChatLanguage.English }, "en"));

    [TestMethod]
    public void Items_are_placed_from_one_in_the_logs_epoch()
    {
        var log = new ItemLog(epoch: 7, capacity: 3);
        var first = Line("a");
        var second = Line("b");

        log.Append(first);
        log.Append(second);

        Assert.AreEqual(new LogPosition(7, 1), first.Position);
        Assert.AreEqual(new LogPosition(7, 2), second.Position);
        Assert.AreEqual(new LogPosition(7, 2), log.HeadPosition);
        Assert.ThrowsExactly<InvalidOperationException>(() => new ItemLog(8, 3).Append(first), "an item has one position");
    }

    [TestMethod]
    public void Reading_after_a_position_at_the_logs_edge_returns_exactly_what_was_missed()
    {
        var log = new ItemLog(epoch: 7, capacity: 5);
        for (var i = 1; i <= 8; i++)
        {
            log.Append(Line("line " + i));
        }

        Assert.AreEqual(4, log.Tail);
        var edge = log.ReadAfter(new LogPosition(7, 3));
        Assert.IsTrue(edge.IsComplete, "the oldest kept item is the next one");
        CollectionAssert.AreEqual(new long[] { 4, 5, 6, 7, 8 }, Sequences(edge));

        var past = log.ReadAfter(new LogPosition(7, 2));
        Assert.AreEqual(1, past.Missed, "item 3 is gone");
        Assert.IsFalse(past.EpochChanged);
        CollectionAssert.AreEqual(new long[] { 4, 5, 6, 7, 8 }, Sequences(past));

        var head = log.ReadAfter(log.HeadPosition);
        Assert.IsTrue(head.IsComplete);
        Assert.AreEqual(0, head.Items.Count);
        CollectionAssert.AreEqual(new long[] { 7, 8 }, Sequences(log.ReadAfter(new LogPosition(7, 6))));
    }

    [TestMethod]
    public void A_position_of_another_epoch_or_beyond_the_head_is_stale_never_misread()
    {
        var log = new ItemLog(epoch: 9, capacity: 10);
        for (var i = 1; i <= 4; i++)
        {
            log.Append(Line("line " + i));
        }

        var otherLife = log.ReadAfter(new LogPosition(8, 2));
        Assert.IsTrue(otherLife.EpochChanged);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4 }, Sequences(otherLife), "everything kept, not what follows 2");
        Assert.AreEqual(0, otherLife.Missed);

        var future = log.ReadAfter(new LogPosition(9, 40));
        Assert.IsTrue(future.EpochChanged);
        Assert.AreEqual(4, future.Items.Count);
    }

    [TestMethod]
    public void A_deleted_line_is_not_read_again_and_its_tombstone_goes_only_to_readers_who_had_it()
    {
        var log = new ItemLog(epoch: 3, capacity: 10);
        var kept = Line("kept");
        var deleted = Line("deleted");
        log.Append(kept);
        log.Append(deleted);
        deleted.MarkDeleted();
        var tombstone = new LineRemoval(deleted, NoEncoders, stamp: 3);
        log.Append(tombstone);

        Assert.AreEqual(new LogPosition(3, 3), tombstone.Position);
        Assert.AreEqual(deleted.Position, tombstone.Removes);
        CollectionAssert.AreEqual(new long[] { 1 }, Sequences(log.ReadAfter(new LogPosition(3, 0))), "a fresh reader gets neither");
        CollectionAssert.AreEqual(new long[] { 3 }, Sequences(log.ReadAfter(new LogPosition(3, 2))), "a reader who had the line gets its tombstone");
        CollectionAssert.AreEqual(new long[] { 1 }, log.FromStart().Select(i => i.Position.Sequence).ToArray());
    }

    [TestMethod]
    public void A_log_without_history_still_numbers_its_items()
    {
        var log = new ItemLog(epoch: 5, capacity: 0);
        log.Append(Line("a"));
        log.Append(Line("b"));

        Assert.AreEqual(2, log.Head);
        var read = log.ReadAfter(new LogPosition(5, 0));
        Assert.AreEqual(2, read.Missed);
        Assert.AreEqual(0, read.Items.Count);
    }

    [TestMethod]
    public void Each_log_gets_a_new_epoch_and_each_server_life_its_own_range()
    {
        var life = new LogEpochs(serverEpoch: 1);
        var nextLife = new LogEpochs(serverEpoch: 2);

        var first = life.Next();
        var second = life.Next();

        Assert.AreNotEqual(first, second);
        Assert.AreNotEqual(first, nextLife.Next());
        Assert.IsTrue(new LogEpochs().Next() < (1L << 53), "JavaScript reads it exactly");
    }

    private static ChatLine Line(string text) =>
        new(new ChatMessage("Lobby", 0, ChatMessageKind.System, null, null, text, DateTimeOffset.UnixEpoch), LineAudience.Room, NoEncoders, stamp: 0);

    private static long[] Sequences(LogRead read) => read.Items.Select(i => i.Position.Sequence).ToArray();
}
