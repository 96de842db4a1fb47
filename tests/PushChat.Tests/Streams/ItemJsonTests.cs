using System.Text;
using System.Text.Json;
using PushChat.Internal.Push;

namespace PushChat.Tests.Streams;

/// <summary>The streams' JSON and its SSE framing: valid, one line, and nothing in a text can break out of it.</summary>
[TestClass]
public sealed class ItemJsonTests
{
    [TestMethod]
    [DataRow("say \"hi\" \\ back", "say \"hi\" \\ back")]
    [DataRow("</script><script>alert(1)</script>", "</script><script>alert(1)</script>")]
    [DataRow("line\r\nbreak\nand\rmore", "line\r\nbreak\nand\rmore")]
    [DataRow("sep\u2028par\u2029end", "sep\u2028par\u2029end")]
    [DataRow("ctl\u0000\u0001\u001f", "ctl\u0000\u0001\u001f")]
    [DataRow("中文 and 😀", "中文 and 😀")]
    public void A_lines_text_comes_back_from_its_json_and_the_json_is_one_line_safe_in_javascript(string text, string expected)
    {
        var json = ItemJson.Write(text, static (writer, t) => writer.WriteString("text", t));
        var utf8 = Encoding.UTF8.GetString(json);

        Assert.AreEqual(expected, JsonDocument.Parse(json).RootElement.GetProperty("text").GetString());
        Assert.IsFalse(utf8.AsSpan().IndexOfAny("\r\n\u2028\u2029") >= 0, utf8);
    }

    [TestMethod]
    public void A_lone_surrogate_which_is_not_text_becomes_the_replacement_character()
    {
        // Built at run time: an attribute cannot carry a lone surrogate.
        var text = "lone " + (char)0xD800 + " surrogate";
        var json = ItemJson.Write(text, static (writer, t) => writer.WriteString("text", t));

        Assert.AreEqual("lone \ufffd surrogate", JsonDocument.Parse(json).RootElement.GetProperty("text").GetString());
    }

    [TestMethod]
    public void Event_data_with_line_breaks_becomes_one_data_line_per_piece_so_it_cannot_end_the_event_or_add_a_field()
    {
        var framed = Encoding.UTF8.GetString(EventStreamFraming.Event("line", "a\r\nid: 9\rb\n\nevent: x"u8));

        Assert.AreEqual("event: line\ndata: a\ndata: id: 9\ndata: b\ndata: \ndata: event: x\n", framed);
    }
}
