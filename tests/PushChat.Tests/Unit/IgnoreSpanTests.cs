using System.Net;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;

namespace PushChat.Tests.Unit;

/// <summary>An ignore covers the lines applied while it stood, whenever fan-out gets to them.</summary>
[TestClass]
public sealed class IgnoreSpanTests
{
    // The room's fan-out thread; these tests publish nothing through it.
    private readonly OutboundDispatcher _dispatcher = new("test fan-out");

    [TestCleanup]
    public void StopDispatcher() => _dispatcher.Dispose();

    [TestMethod]
    public void A_line_applied_while_ignored_stays_hidden_after_the_ignore_is_lifted()
    {
        var ann = Session();

        ann.SetIgnored("ben", ignore: true, stamp: 5);
        ann.SetIgnored("BEN", ignore: false, stamp: 8);

        Assert.IsFalse(ann.Ignores("ben", 4), "applied before the ignore");
        Assert.IsTrue(ann.Ignores("ben", 6), "applied while ignored, reaching the reader after the unignore");
        Assert.IsFalse(ann.Ignores("ben", 9), "applied after the unignore");
        Assert.IsFalse(ann.Ignores("ben", long.MaxValue), "history replay follows the ignores as they stand");
        Assert.IsEmpty(ann.Ignored);
    }

    [TestMethod]
    public void Ignoring_again_keeps_the_earlier_span()
    {
        var ann = Session();
        ann.SetIgnored("ben", true, 5);
        ann.SetIgnored("ben", false, 8);

        Assert.IsTrue(ann.SetIgnored("ben", true, 10));
        Assert.IsFalse(ann.SetIgnored("ben", true, 11), "already ignored");

        Assert.IsTrue(ann.Ignores("ben", 6));
        Assert.IsFalse(ann.Ignores("ben", 9));
        Assert.IsTrue(ann.Ignores("ben", 12));
        Assert.IsTrue(ann.Ignores("ben", long.MaxValue));
        CollectionAssert.AreEqual(new[] { "ben" }, ann.Ignored.ToArray());
    }

    private ChatSession Session() =>
        new("sid", "ann", ChatRole.Guest, "#1f5fa8", new ChatRoom("Lobby", new ItemLog(1, 10), new DispatcherFanOut(_dispatcher), isDefault: true), IPAddress.Loopback, DateTimeOffset.UnixEpoch, new ItemLog(2, 10));
}
