using PushChat.Internal.Http;

namespace PushChat.Tests.Http;

[TestClass]
public sealed class CookieHeaderTests
{
    [TestMethod]
    [DataRow("a=1; pushchat-x=secret; b=2", "secret")]
    [DataRow("pushchat-x=secret", "secret")]
    [DataRow("pushchat-x=\"secret\"", "secret")]
    [DataRow("a=1;pushchat-x = secret ;b=2", "secret")]
    [DataRow("pushchat-xy=other; Pushchat-x=case", "")]
    [DataRow("pushchat-x", "")]
    [DataRow("", "")]
    public void The_value_of_a_named_cookie_is_found_among_the_others(string header, string expected)
    {
        var headers = new HttpHeaders();
        headers.Add("Cookie", header);

        Assert.AreEqual(expected, string.Join(",", CookieHeader.ValuesOf(headers, "pushchat-x")));
        Assert.AreEqual(expected.Length > 0, CookieHeader.Has(headers, "pushchat-x"));
    }

    [TestMethod]
    public void Cookies_split_over_several_fields_are_all_read_in_order()
    {
        var headers = new HttpHeaders();
        headers.Add("Cookie", "a=1; n=first");
        headers.Add("Accept", "*/*");
        headers.Add("cookie", "n=second");

        CollectionAssert.AreEqual(new[] { "first", "second" }, CookieHeader.ValuesOf(headers, "n").ToArray());
    }
}
