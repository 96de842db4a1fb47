using PushChat.Internal.Chat.Changes;
using PushChat.Internal.Push;
using PushChat.Tests.Infrastructure;

using PushChat.Localization;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class RoomLogTests
{
    [TestMethod]
    public async Task A_re_created_room_has_a_new_epoch_so_a_position_from_its_first_life_is_stale()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var state = chat.Server.Engine!.State;
        state.Apply(new RoomCreated("Den", Owner: null, Topic: null, Permanent: false));
        chat.Server.PostNotice("Den", "first life");
        var firstLife = state.Rooms.Find("Den")!.Log.HeadPosition;

        state.Apply(new RoomClosed("Den"));
        state.Apply(new RoomCreated("Den", Owner: null, Topic: null, Permanent: false));
        chat.Server.PostNotice("Den", "second life");
        var den = state.Rooms.Find("Den")!;

        Assert.AreNotEqual(firstLife.Epoch, den.Log.Epoch);
        var read = den.Log.ReadAfter(firstLife);
        Assert.IsTrue(read.EpochChanged, "recognised as another life of the room");
        CollectionAssert.AreEqual(new[] { "second life" }, read.Items.OfType<ChatLine>().Select(l => l.Message.Text).ToArray());
    }

    [TestMethod]
    public async Task A_whisper_has_a_position_in_the_mailbox_of_each_end_and_is_replayed_after_a_move()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        var (ben, benChat) = await chat.EnterAsync("ben");
        await using var a = annChat;
        await using var b = benChat;
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/msg ben meet me in the den")).Status);
        await b.ReadStreamUntilAsync("meet me in the den");

        Assert.AreEqual(303, (await chat.SayAsync(ben, "/join Den")).Status);
        await using var benInDen = await chat.OpenChatAsync(ben, "meet me in the den");

        var state = chat.Server.Engine!.State;
        var annMailbox = state.Sessions.Find(ann)!.Mailbox;
        var benMailbox = state.Sessions.Find(ben)!.Mailbox;
        var toBen = benMailbox.FromStart().OfType<ChatLine>().Single(l => l.Message.Text == "meet me in the den");
        var fromAnn = annMailbox.FromStart().OfType<ChatLine>().Single(l => l.Message.Text == "meet me in the den");
        Assert.AreEqual(benMailbox.Epoch, toBen.Position.Epoch);
        Assert.AreEqual(annMailbox.Epoch, fromAnn.Position.Epoch);
        Assert.AreNotEqual(annMailbox.Epoch, benMailbox.Epoch, "another session's mailbox position is never read as a place in this one");
        Assert.IsTrue(toBen.Encoded(LineFormat.Html).Span.SequenceEqual(fromAnn.Encoded(LineFormat.Html).Span), "one line, encoded once for both ends");
        Assert.IsFalse(state.Rooms.Default.LinesAfter(0).Any(l => l.Message.Text == "meet me in the den"), "not in any room's log");
        StringAssert.Contains(benInDen.StreamText, "class=\"line whisper guest\"");
    }

    [TestMethod]
    public async Task A_notice_to_one_session_is_kept_in_its_mailbox_and_shown_again_after_a_reload_and_a_move()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;
        var state = chat.Server.Engine!.State;

        Assert.IsFalse(state.Apply(new NoticeSent(ann, LocalText.Plain("only for ann"))).IsRefused);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/join Den")).Status);

        var notice = state.Sessions.Find(ann)!.Mailbox.FromStart().OfType<ChatLine>().Single();
        Assert.AreEqual(new LogPosition(state.Sessions.Find(ann)!.Mailbox.Epoch, 1), notice.Position);
        await using var again = await chat.OpenChatAsync(ann, "ann joined.");
        StringAssert.Contains(again.StreamText, "only for ann");
    }

    [TestMethod]
    public async Task A_deletion_is_a_tombstone_in_the_rooms_log_and_the_line_stays_out_of_every_replay()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var state = chat.Server.Engine!.State;
        var doomed = chat.Server.PostNotice("doomed line");
        chat.Server.PostNotice("kept line");
        var lobby = state.Rooms.Default;
        var beforeDeletion = lobby.Log.HeadPosition;

        Assert.IsFalse(state.Apply(new LineDeleted("Lobby", doomed.Sequence)).IsRefused);

        var tombstone = lobby.Log.ReadAfter(beforeDeletion).Items.Single();
        Assert.IsInstanceOfType<LineRemoval>(tombstone);
        Assert.AreEqual(beforeDeletion.Sequence + 1, tombstone.Position.Sequence);
        Assert.AreEqual(doomed.Sequence, ((LineRemoval)tombstone).Removes.Sequence);
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var a = annChat;
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/join Den")).Status);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "/join Lobby")).Status);
        await using var back = await chat.OpenChatAsync(ann, "kept line");
        Assert.IsFalse(back.StreamText.Contains("doomed line", StringComparison.Ordinal), "not replayed after moves");
        Assert.AreEqual(1, lobby.Log.ReadAfter(new LogPosition(lobby.Log.Epoch, 0)).Items.OfType<ChatLine>().Count(l => l.Message.Text == "kept line"));
    }

    [TestMethod]
    public async Task A_topic_change_is_an_item_of_the_rooms_log_that_carries_the_topic()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var state = chat.Server.Engine!.State;

        state.Apply(new TopicChanged("Lobby", "tea at five", ChangedBy: null));

        var item = state.Rooms.Default.LinesAfter(0).Last();
        Assert.AreEqual("tea at five", item.Topic);
        Assert.AreEqual(item.Message.Sequence, item.Position.Sequence, "a room line's number is its position");
    }
}
