using System.Text;
using PushChat.Internal.Http;

namespace PushChat.Tests.Http;

[TestClass]
public sealed class FormDecoderTests
{
    [TestMethod]
    public void Pairs_are_split_at_ampersands_and_the_first_equals_sign()
    {
        var form = FormDecoder.Decode("user=alice&room=main&expr=a=b");

        Assert.HasCount(3, form);
        Assert.AreEqual("alice", form["user"]);
        Assert.AreEqual("main", form["room"]);
        Assert.AreEqual("a=b", form["expr"]);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("&")]
    [DataRow("&&&")]
    public void Empty_input_and_empty_pairs_give_no_fields(string encoded)
    {
        Assert.IsEmpty(FormDecoder.Decode(encoded));
        Assert.IsEmpty(FormDecoder.Decode(Encoding.ASCII.GetBytes(encoded)));
    }

    [TestMethod]
    public void Empty_pairs_between_fields_are_skipped()
    {
        var form = FormDecoder.Decode("&a=1&&b=2&");

        CollectionAssert.AreEquivalent(new[] { "a", "b" }, form.Keys.ToArray());
        Assert.AreEqual("1", form["a"]);
        Assert.AreEqual("2", form["b"]);
    }

    [TestMethod]
    public void A_key_without_equals_sign_has_an_empty_value()
    {
        var form = FormDecoder.Decode("flag&name=x&other");

        Assert.AreEqual(string.Empty, form["flag"]);
        Assert.AreEqual(string.Empty, form["other"]);
        Assert.AreEqual("x", form["name"]);
    }

    [TestMethod]
    public void An_empty_value_and_an_empty_name_are_kept()
    {
        var form = FormDecoder.Decode("text=&=orphan");

        Assert.AreEqual(string.Empty, form["text"]);
        Assert.AreEqual("orphan", form[string.Empty]);
    }

    [TestMethod]
    public void The_first_of_duplicate_names_wins()
    {
        var form = FormDecoder.Decode("sid=first&x=1&sid=second&sid=");

        Assert.HasCount(2, form);
        Assert.AreEqual("first", form["sid"]);
    }

    [TestMethod]
    public void Names_are_case_sensitive()
    {
        var form = FormDecoder.Decode("Sid=1&sid=2");

        Assert.AreEqual("1", form["Sid"]);
        Assert.AreEqual("2", form["sid"]);
    }

    [TestMethod]
    [DataRow("a+b", "a b")]
    [DataRow("+", " ")]
    [DataRow("++x++", "  x  ")]
    [DataRow("%2B", "+")]
    [DataRow("a%2Bb+c", "a+b c")]
    [DataRow("%20", " ")]
    [DataRow("%26%3D", "&=")]
    [DataRow("%25", "%")]
    [DataRow("%2541", "%41")]
    [DataRow("%41%42c", "ABc")]
    public void Plus_is_a_space_and_percent_escapes_are_bytes(string encoded, string expected)
    {
        Assert.AreEqual(expected, FormDecoder.Decode("v=" + encoded)["v"]);
        Assert.AreEqual(expected, FormDecoder.Decode(encoded + "=v").Keys.Single(), "Names are decoded the same way as values.");
    }

    [TestMethod]
    [DataRow("%E4%BD%A0%E5%A5%BD", "你好")]
    [DataRow("%e4%bd%a0%e5%a5%bd", "你好")]
    [DataRow("%e4%BD%a0%E5%a5%Bd", "你好")]
    [DataRow("%C3%A9", "é")]
    [DataRow("caf%C3%A9+au+lait", "café au lait")]
    [DataRow("%F0%9F%98%80", "\U0001F600")]
    [DataRow("%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82", "Привет")]
    [DataRow("%E2%82%AC", "€")]
    [DataRow("%EF%BB%BFx", "\uFEFFx")]
    [DataRow("%00", "\0")]
    public void Escapes_in_either_case_decode_as_utf8(string encoded, string expected)
    {
        var form = FormDecoder.Decode("text=" + encoded + "&" + encoded + "=key");

        Assert.AreEqual(expected, form["text"]);
        Assert.AreEqual("key", form[expected], "Names are decoded the same way as values.");
    }

    [TestMethod]
    public void The_byte_overload_decodes_raw_utf8_bytes_as_well_as_escapes()
    {
        var body = Encoding.UTF8.GetBytes("name=Jos%C3%A9&text=你好+world");

        var form = FormDecoder.Decode(body);

        Assert.AreEqual("José", form["name"]);
        Assert.AreEqual("你好 world", form["text"]);
    }

    [TestMethod]
    [DataRow("a=1&b=x+y&c=%E4%BD%A0&d&&e=")]
    [DataRow("sid=Zm9vYmFy&text=hello%2C+world%21")]
    public void Both_overloads_agree(string encoded)
    {
        var fromString = FormDecoder.Decode(encoded);
        var fromBytes = FormDecoder.Decode(Encoding.ASCII.GetBytes(encoded));

        CollectionAssert.AreEquivalent(fromString.ToArray(), fromBytes.ToArray());
    }

    [TestMethod]
    [DataRow("v=%")]
    [DataRow("v=%4")]
    [DataRow("v=%GG")]
    [DataRow("v=%4G")]
    [DataRow("v=%G4")]
    [DataRow("v=ab%A")]
    [DataRow("v=%A&w=1")]
    [DataRow("v=%%41")]
    [DataRow("v=% 41")]
    [DataRow("v=%+41")]
    [DataRow("v=%-1")]
    [DataRow("%=v")]
    [DataRow("k%4=v")]
    [DataRow("ok=1&v=100%")]
    public void A_malformed_escape_is_refused_with_400(string encoded)
    {
        var error = Assert.ThrowsExactly<BadHttpRequestException>(() => FormDecoder.Decode(encoded));

        Assert.AreEqual(400, error.StatusCode);
        StringAssert.Contains(error.Message, "%-escape");
        ParserHarness.AssertHelpfulMessage(error);
        Assert.ThrowsExactly<BadHttpRequestException>(() => FormDecoder.Decode(Encoding.ASCII.GetBytes(encoded)));
    }

    [TestMethod]
    [DataRow("%C3%28")]
    [DataRow("%FF")]
    [DataRow("%FE")]
    [DataRow("%e9")]
    [DataRow("%C0%AF")]
    [DataRow("%E0%80%AF")]
    [DataRow("%F0%80%80%AF")]
    [DataRow("%C3")]
    [DataRow("x%C3")]
    [DataRow("%E4%BD")]
    [DataRow("%80")]
    [DataRow("%ED%A0%80")]
    [DataRow("%F4%90%80%80")]
    public void Invalid_utf8_is_refused_with_400(string escaped)
    {
        foreach (var encoded in new[] { "v=" + escaped, escaped + "=v" })
        {
            var error = Assert.ThrowsExactly<BadHttpRequestException>(() => FormDecoder.Decode(encoded), encoded);

            Assert.AreEqual(400, error.StatusCode);
            StringAssert.Contains(error.Message, "UTF-8");
            ParserHarness.AssertHelpfulMessage(error);
        }
    }

    [TestMethod]
    public void Raw_invalid_utf8_bytes_are_refused_with_400()
    {
        byte[] body = [.. "v="u8, 0xC3, 0x28];

        var error = Assert.ThrowsExactly<BadHttpRequestException>(() => FormDecoder.Decode(body));

        Assert.AreEqual(400, error.StatusCode);
    }

    [TestMethod]
    public void Exactly_max_fields_are_accepted()
    {
        var form = FormDecoder.Decode(Fields(FormDecoder.MaxFields));

        Assert.HasCount(FormDecoder.MaxFields, form);
        Assert.AreEqual("v63", form["f63"]);
    }

    [TestMethod]
    public void One_field_more_than_the_maximum_is_refused_with_400()
    {
        var error = Assert.ThrowsExactly<BadHttpRequestException>(() => FormDecoder.Decode(Fields(FormDecoder.MaxFields + 1)));

        Assert.AreEqual(400, error.StatusCode);
        StringAssert.Contains(error.Message, "too many fields");
        ParserHarness.AssertHelpfulMessage(error);
    }

    [TestMethod]
    public void Empty_pairs_do_not_count_towards_the_maximum()
    {
        var encoded = string.Join("&&", Enumerable.Range(0, FormDecoder.MaxFields).Select(i => "f" + i + "=v" + i)) + "&&&&";

        Assert.HasCount(FormDecoder.MaxFields, FormDecoder.Decode(encoded));
    }

    [TestMethod]
    public void The_maximum_is_64_fields()
    {
        Assert.AreEqual(64, FormDecoder.MaxFields);
    }

    private static string Fields(int count) =>
        string.Join("&", Enumerable.Range(0, count).Select(i => "f" + i + "=v" + i));
}
