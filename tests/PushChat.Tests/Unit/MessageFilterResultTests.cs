using PushChat.Filtering;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class MessageFilterResultTests
{
    [TestMethod]
    public void A_rejection_is_answered_with_422_unless_the_filter_says_otherwise()
    {
        Assert.AreEqual(422, MessageFilterResult.Reject("No.").StatusCode);
        Assert.AreEqual(429, MessageFilterResult.Reject("Slow down.", 429).StatusCode);
        Assert.AreEqual(403, MessageFilterResult.Reject("Not here.", 403).StatusCode);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(200)]
    [DataRow(303)]
    [DataRow(399)]
    [DataRow(500)]
    [DataRow(503)]
    public void A_rejection_status_outside_4xx_is_refused(int statusCode) =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MessageFilterResult.Reject("No.", statusCode));

    [TestMethod]
    public async Task The_flood_limit_rejects_with_429()
    {
        var filter = new FloodLimitFilter(maxMessages: 1);
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        MessageFilterContext Line() => new("alice", ChatRole.User, "Lobby", "hi", System.Net.IPAddress.Loopback, now);

        Assert.IsTrue((await filter.FilterAsync(Line(), default)).IsAllowed);
        var second = await filter.FilterAsync(Line(), default);

        Assert.IsFalse(second.IsAllowed);
        Assert.AreEqual(429, second.StatusCode);
    }
}
