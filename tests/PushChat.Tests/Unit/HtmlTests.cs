using PushChat.Rendering;

namespace PushChat.Tests.Unit;

[TestClass]
public sealed class HtmlTests
{
    [TestMethod]
    public void Encode_escapes_the_five_characters_that_matter_in_text_and_quoted_attributes() =>
        Assert.AreEqual("&amp;&lt;b&gt; say &quot;hi&quot; &#39;x&#39; &amp;amp;", Html.Encode("&<b> say \"hi\" 'x' &amp;"));

    [TestMethod]
    [DataRow(null, "")]
    [DataRow("", "")]
    [DataRow("Grüße, 世界 🙂", "Grüße, 世界 🙂")]
    public void Encode_leaves_everything_else_as_it_is(string? text, string expected) =>
        Assert.AreEqual(expected, Html.Encode(text));
}
