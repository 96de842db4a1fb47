using System.Text;
using PushChat.LoadClient.Streams;

namespace PushChat.Tests.LoadClient;

/// <summary>The load client reads a JSON item's kind and the benchmark marker its text starts with, without a JSON document.</summary>
[TestClass]
public sealed class LineItemTests
{
    private const string Said =
        "{\"type\":\"line\",\"log\":\"room\",\"position\":\"4398046511104:17\",\"room\":\"Lobby\",\"seq\":17,\"kind\":\"public\"," +
        "\"from\":\"r3\",\"color\":\"#00707a\",\"role\":\"guest\",\"to\":null,\"text\":\"@42.9876543210.xxxxxxxx\",\"time\":\"2026-12-07T10:15:02.123+00:00\"}";

    [TestMethod]
    public void A_line_item_gives_the_sequence_and_ticks_of_its_text()
    {
        Assert.IsTrue(LineItem.IsLine(Bytes(Said)));
        Assert.IsTrue(LineItem.TryReadMarker(Bytes(Said), out var sequence, out var ticks));
        Assert.AreEqual(42L, sequence);
        Assert.AreEqual(9876543210L, ticks);
    }

    [TestMethod]
    public void A_sync_line_reads_as_sequence_zero_with_its_id()
    {
        var sync = Said.Replace("@42.9876543210.xxxxxxxx", "@0.7.", StringComparison.Ordinal);
        Assert.IsTrue(LineItem.TryReadMarker(Bytes(sync), out var sequence, out var ticks));
        Assert.AreEqual(0L, sequence);
        Assert.AreEqual(7L, ticks);
    }

    [TestMethod]
    [DataRow("r7 joins the room")]
    [DataRow("say @1.2. later")]
    [DataRow("@1.2")]
    [DataRow("@.2.")]
    [DataRow("@1..")]
    [DataRow("@12x.3.")]
    [DataRow("")]
    public void A_text_that_does_not_start_with_a_whole_marker_gives_none(string text)
    {
        var item = Said.Replace("@42.9876543210.xxxxxxxx", text, StringComparison.Ordinal);
        Assert.IsFalse(LineItem.TryReadMarker(Bytes(item), out _, out _), text);
    }

    [TestMethod]
    public void A_marker_in_another_field_is_not_the_text()
    {
        // A room named like a text field: JSON escapes its quotes, so only the real key matches.
        var item = "{\"type\":\"line\",\"room\":\"\\\"text\\\":\\\"@5.6.\",\"text\":\"@8.9.\"}";
        Assert.IsTrue(LineItem.TryReadMarker(Bytes(item), out var sequence, out var ticks));
        Assert.AreEqual((8L, 9L), (sequence, ticks));
    }

    [TestMethod]
    [DataRow("{\"type\":\"presence\",\"room\":\"Lobby\",\"users\":[]}")]
    [DataRow("{\"type\":\"bye\",\"reason\":\"kicked\",\"text\":\"@1.2.\"}")]
    [DataRow("{\"type\":\"welcome\",\"protocol\":1,\"user\":\"line\"}")]
    public void Other_items_are_not_lines(string item) => Assert.IsFalse(LineItem.IsLine(Bytes(item)), item);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
