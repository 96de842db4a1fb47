using System.Buffers;
using System.Text;
using PushChat.Internal.Http;
using static PushChat.Tests.Http.ParserHarness;

namespace PushChat.Tests.Http;

[TestClass]
public sealed class HttpRequestParserTests
{
    [TestMethod]
    public void Empty_lines_before_the_request_line_are_ignored()
    {
        const string raw = "\r\n\r\nGET /health HTTP/1.1\r\nHost: a\r\n\r\n";

        var request = ParserHarness.ParseWhole(raw);

        Assert.AreEqual("/health", request.Path);
        ParserHarness.AssertNeedsMore("\r\n\r\nGET /hea");
        ParserHarness.AssertNeedsMore("\r");
    }

    [TestMethod]
    public void A_get_request_yields_its_method_path_version_and_headers()
    {
        var request = ParseWhole("GET /chat/frame HTTP/1.1\r\nHost: chat.example\r\nUser-Agent: test/1.0\r\nAccept: */*\r\n\r\n");

        Assert.AreEqual("GET", request.Method);
        Assert.AreEqual("/chat/frame", request.Path);
        Assert.AreEqual(string.Empty, request.Query);
        Assert.AreEqual(HttpVersion.Http11, request.Version);
        Assert.AreEqual(3, request.Headers.Count);
        Assert.AreEqual("chat.example", request.Headers["Host"]);
        Assert.AreEqual("test/1.0", request.Headers["User-Agent"]);
        Assert.AreEqual("*/*", request.Headers["Accept"]);
        Assert.IsEmpty(request.Body);
        Assert.IsTrue(request.KeepAlive);
        Assert.IsFalse(request.IsHead);
    }

    [TestMethod]
    public void A_post_request_yields_a_body_exactly_content_length_long()
    {
        var request = ParseWhole("POST /login HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 14\r\n\r\nuser=alice&x=1");

        Assert.AreEqual("POST", request.Method);
        Assert.AreEqual("/login", request.Path);
        Assert.AreEqual("user=alice&x=1", Encoding.ASCII.GetString(request.Body));
        Assert.IsFalse(request.IsHead);
    }

    [TestMethod]
    public void A_head_request_is_marked_as_head()
    {
        var request = ParseWhole("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.AreEqual("HEAD", request.Method);
        Assert.IsTrue(request.IsHead);
        Assert.IsEmpty(request.Body);
    }

    [TestMethod]
    [DataRow("PUT")]
    [DataRow("DELETE")]
    [DataRow("OPTIONS")]
    [DataRow("PATCH")]
    [DataRow("X-CUSTOM_1")]
    public void Other_token_methods_pass_through_unchanged_for_the_handler_to_refuse(string method)
    {
        var request = ParseWhole(method + " /x HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.AreEqual(method, request.Method);
        Assert.IsFalse(request.IsHead);
        Assert.IsEmpty(request.Body, "Without Content-Length a request other than POST has no body.");
    }

    [TestMethod]
    public void Methods_are_case_sensitive()
    {
        var request = ParseWhole("head / HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.AreEqual("head", request.Method);
        Assert.IsFalse(request.IsHead, "RFC 9110 §9.1: method names are case-sensitive.");
    }

    [TestMethod]
    [DataRow("/", "/", "")]
    [DataRow("/chat?sid=abc", "/chat", "sid=abc")]
    [DataRow("/chat?sid=abc&n=1", "/chat", "sid=abc&n=1")]
    [DataRow("/chat?", "/chat", "")]
    [DataRow("/?a=b?c", "/", "a=b?c")]
    [DataRow("/a%20b/c%2F?q=%E4%BD%A0+x", "/a%20b/c%2F", "q=%E4%BD%A0+x")]
    [DataRow("/x?a=/b/c", "/x", "a=/b/c")]
    public void The_target_is_split_at_the_first_question_mark_and_stays_encoded(string target, string path, string query)
    {
        var request = ParseWhole("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n");

        Assert.AreEqual(path, request.Path);
        Assert.AreEqual(query, request.Query);
    }

    [TestMethod]
    [DataRow("http://chat.example/chat?sid=1", "/chat", "sid=1")]
    [DataRow("HTTP://chat.example/", "/", "")]
    [DataRow("https://chat.example:8443/a/b", "/a/b", "")]
    [DataRow("http://chat.example", "/", "")]
    [DataRow("http://chat.example?sid=1", "/", "sid=1")]
    [DataRow("http://chat.example:80?next=/chat/frame", "/", "next=/chat/frame")]
    public void An_absolute_form_target_keeps_only_its_path_and_query(string target, string path, string query)
    {
        var request = ParseWhole("GET " + target + " HTTP/1.1\r\nHost: chat.example\r\n\r\n");

        Assert.AreEqual(path, request.Path);
        Assert.AreEqual(query, request.Query);
    }

    [TestMethod]
    [DataRow("HTTP/1.1", null, true)]
    [DataRow("HTTP/1.1", "close", false)]
    [DataRow("HTTP/1.1", "Close", false)]
    [DataRow("HTTP/1.1", "keep-alive", true)]
    [DataRow("HTTP/1.1", "Upgrade, close", false)]
    [DataRow("HTTP/1.1", "  close  ", false)]
    [DataRow("HTTP/1.1", "closed", true)]
    [DataRow("HTTP/1.0", null, false)]
    [DataRow("HTTP/1.0", "keep-alive", true)]
    [DataRow("HTTP/1.0", "Keep-Alive", true)]
    [DataRow("HTTP/1.0", "foo, keep-alive", true)]
    [DataRow("HTTP/1.0", "close", false)]
    public void Keep_alive_follows_the_version_default_and_the_connection_header(string version, string? connection, bool keepAlive)
    {
        var raw = "GET / " + version + "\r\nHost: a\r\n" + (connection is null ? string.Empty : "Connection: " + connection + "\r\n") + "\r\n";

        var request = ParseWhole(raw);

        Assert.AreEqual(version == "HTTP/1.1" ? HttpVersion.Http11 : HttpVersion.Http10, request.Version);
        Assert.AreEqual(keepAlive, request.KeepAlive);
    }

    [TestMethod]
    public void Connection_tokens_are_read_from_every_connection_header()
    {
        var request = ParseWhole("GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nConnection: close\r\n\r\n");

        Assert.IsFalse(request.KeepAlive);
    }

    [TestMethod]
    public void An_http10_request_needs_no_host()
    {
        var request = ParseWhole("GET /old HTTP/1.0\r\n\r\n");

        Assert.AreEqual(HttpVersion.Http10, request.Version);
        Assert.AreEqual(0, request.Headers.Count);
        Assert.IsNull(request.Headers["Host"]);
    }

    [TestMethod]
    public void Header_names_are_looked_up_case_insensitively_and_values_are_trimmed()
    {
        var request = ParseWhole("GET / HTTP/1.1\r\nhOsT: a\r\nX-Pad: \t  spaced value \t \r\nX-Empty:\r\nX-Blank:   \r\nX-Tight:v\r\n\r\n");

        Assert.AreEqual("a", request.Headers["HOST"]);
        Assert.AreEqual("a", request.Headers["host"]);
        Assert.AreEqual("spaced value", request.Headers["x-pad"], "Only leading and trailing SP/HTAB are optional whitespace.");
        Assert.AreEqual(string.Empty, request.Headers["X-Empty"]);
        Assert.AreEqual(string.Empty, request.Headers["X-Blank"]);
        Assert.AreEqual("v", request.Headers["X-Tight"]);
        Assert.IsNull(request.Headers["X-Missing"]);
        Assert.AreEqual("hOsT", request.Headers.Fields[0].Key, "The name is kept as sent.");
    }

    [TestMethod]
    public void Repeated_headers_are_all_kept_in_arrival_order()
    {
        var request = ParseWhole("GET / HTTP/1.1\r\nHost: a\r\nCookie: one=1\r\nX-Other: x\r\ncookie: two=2\r\n\r\n");

        Assert.AreEqual(4, request.Headers.Count);
        Assert.AreEqual(2, request.Headers.CountOf("COOKIE"));
        Assert.AreEqual(0, request.Headers.CountOf("X-Missing"));
        Assert.AreEqual("one=1", request.Headers["Cookie"], "The indexer returns the first occurrence.");
        CollectionAssert.AreEqual(
            new[] { "Host", "Cookie", "X-Other", "cookie" },
            request.Headers.Fields.Select(f => f.Key).ToArray());
    }

    [TestMethod]
    public void A_header_value_keeps_inner_whitespace_and_obs_text_as_latin1()
    {
        var request = ParseWhole("GET / HTTP/1.1\r\nHost: a\r\nX-Name: Jos\u00e9\tand \u00ff\r\n\r\n");

        Assert.AreEqual("Jos\u00e9\tand \u00ff", request.Headers["X-Name"]);
    }

    [TestMethod]
    public void A_header_value_may_contain_colons()
    {
        var request = ParseWhole("GET / HTTP/1.1\r\nHost: chat.example:8080\r\nReferer: http://a/b?c=d:e\r\n\r\n");

        Assert.AreEqual("chat.example:8080", request.Headers["Host"]);
        Assert.AreEqual("http://a/b?c=d:e", request.Headers["Referer"]);
    }

    [TestMethod]
    public void The_body_is_opaque_bytes_even_when_it_looks_like_http()
    {
        var body = Sequences.Bytes("\r\n\r\nGET / HTTP/1.1\r\n\u0000\u00ff");
        var head = Sequences.Bytes("POST /say HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.Length + "\r\n\r\n");

        var request = ParseWhole([.. head, .. body]);

        CollectionAssert.AreEqual(body, request.Body);
    }

    [TestMethod]
    public void A_post_with_content_length_zero_has_an_empty_body()
    {
        var request = ParseWhole("POST /logout HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");

        Assert.IsEmpty(request.Body);
    }

    [TestMethod]
    public void A_get_with_content_length_has_its_body_read_so_framing_stays_intact()
    {
        var request = ParseWhole("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");

        Assert.AreEqual("abc", Encoding.ASCII.GetString(request.Body));
    }

    [TestMethod]
    [DataRow("Content-Length: 5\r\nContent-Length: 5\r\n")]
    [DataRow("Content-Length: 5\r\ncontent-length: 5\r\n")]
    [DataRow("Content-Length: 005\r\n")]
    [DataRow("Content-Length:5\r\n")]
    [DataRow("Content-Length: \t5 \r\n")]
    public void Equal_or_padded_content_lengths_are_accepted(string lengthHeaders)
    {
        var request = ParseWhole("POST / HTTP/1.1\r\nHost: a\r\n" + lengthHeaders + "\r\nhello");

        Assert.AreEqual("hello", Encoding.ASCII.GetString(request.Body));
    }

    [TestMethod]
    public void Bytes_after_the_body_are_left_for_the_next_request()
    {
        const string first = "POST /say HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
        const string second = "GET /next?sid=2 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
        var buffer = Sequences.Of(Sequences.Bytes(first + second));
        var parser = Parser();

        Assert.IsTrue(parser.TryParse(buffer, out var one, out var consumed));
        Assert.AreEqual("hello", Encoding.ASCII.GetString(one.Body));
        Assert.AreEqual(first.Length, Sequences.OffsetOf(buffer, consumed));

        var rest = buffer.Slice(consumed);
        Assert.IsTrue(parser.TryParse(rest, out var two, out var consumedTwo));
        Assert.AreEqual("GET", two.Method);
        Assert.AreEqual("/next", two.Path);
        Assert.AreEqual("sid=2", two.Query);
        Assert.IsFalse(two.KeepAlive);
        Assert.AreEqual(rest.End, consumedTwo);
    }

    [TestMethod]
    public void Pipelined_requests_parse_one_after_another_until_only_a_partial_one_is_left()
    {
        const string requests =
            "GET /a HTTP/1.1\r\nHost: a\r\n\r\n" +
            "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz" +
            "HEAD /c HTTP/1.1\r\nHost: a\r\n\r\n" +
            "GET /d HTTP/1.1\r\nHo";
        var buffer = Sequences.Of(Sequences.Bytes(requests));
        var parser = Parser();
        var paths = new List<string>();

        while (parser.TryParse(buffer, out var request, out var consumed))
        {
            paths.Add(request.Method + " " + request.Path);
            buffer = buffer.Slice(consumed);
        }

        CollectionAssert.AreEqual(new[] { "GET /a", "POST /b", "HEAD /c" }, paths);
        Assert.AreEqual("GET /d HTTP/1.1\r\nHo", Encoding.Latin1.GetString(buffer.ToArray()));
    }

    [TestMethod]
    public void A_slice_of_a_larger_buffer_reports_positions_within_that_buffer()
    {
        var all = Sequences.Split(Sequences.Bytes("junkGET / HTTP/1.1\r\nHost: a\r\n\r\ntail"), 2, 10, 30);
        var buffer = all.Slice(4);

        Assert.IsTrue(Parser().TryParse(buffer, out var request, out var consumed));

        Assert.AreEqual("/", request.Path);
        Assert.AreEqual("tail", Encoding.ASCII.GetString(buffer.Slice(consumed).ToArray()));
        Assert.AreEqual(buffer.Length - "tail".Length, Sequences.OffsetOf(buffer, consumed));
        Assert.AreEqual(4, all.Slice(consumed).Length);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("G")]
    [DataRow("GET / HTTP/1.1")]
    [DataRow("GET / HTTP/1.1\r")]
    [DataRow("GET / HTTP/1.1\r\n")]
    [DataRow("GET / HTTP/1.1\r\nHost: a")]
    [DataRow("GET / HTTP/1.1\r\nHost: a\r\n")]
    [DataRow("GET / HTTP/1.1\r\nHost: a\r\n\r")]
    [DataRow("GET / HTTP/1.0\r\n")]
    [DataRow("GET / HTTP/1.0\r\n\r")]
    [DataRow("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\n")]
    [DataRow("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nabc")]
    public void An_incomplete_request_needs_more_bytes_and_consumes_nothing(string raw) => AssertNeedsMore(raw);

    [TestMethod]
    public void The_parser_keeps_no_state_between_calls()
    {
        var parser = Parser();
        var good = Sequences.Of(Sequences.Bytes("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n"));
        var partial = Sequences.Of(Sequences.Bytes("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\nab"));
        var bad = Sequences.Of(Sequences.Bytes("GET / HTTP/9.9\r\n\r\n"));

        Assert.IsFalse(parser.TryParse(partial, out _, out _));
        Assert.ThrowsExactly<BadHttpRequestException>(() => parser.TryParse(bad, out _, out _));
        Assert.IsTrue(parser.TryParse(good, out var request, out _));
        Assert.AreEqual("/ok", request.Path);
    }

    // ---- limits: the largest accepted value parses, one more is refused ----

    [TestMethod]
    public void A_request_line_of_exactly_the_limit_is_accepted()
    {
        var limits = new ChatServerLimits { MaxRequestLineBytes = 64 };
        var line = "GET /" + new string('a', 64 - "GET / HTTP/1.1".Length) + " HTTP/1.1";
        Assert.AreEqual(64, line.Length);
        var raw = Sequences.Bytes(line + "\r\nHost: a\r\n\r\n");

        ParseWhole(raw, limits);
        AssertEverySplitParses(raw, limits);
    }

    [TestMethod]
    public void A_request_line_one_byte_over_the_limit_gets_414()
    {
        var limits = new ChatServerLimits { MaxRequestLineBytes = 64 };
        var line = "GET /" + new string('a', 65 - "GET / HTTP/1.1".Length) + " HTTP/1.1";
        Assert.AreEqual(65, line.Length);

        var error = Reject(414, line + "\r\nHost: a\r\n\r\n", limits);

        StringAssert.Contains(error.Message, "request line");
    }

    [TestMethod]
    public void A_request_line_over_the_limit_gets_414_before_its_end_arrives()
    {
        var limits = new ChatServerLimits { MaxRequestLineBytes = 64 };
        var start = "GET /" + new string('a', 200);

        // The line (without CR LF) may hold 64 bytes, then CR: 65 bytes without LF are still possibly valid.
        AssertNeedsMore(start[..65], limits);
        Reject(414, start[..66], limits);
        Reject(414, start, limits);
        Reject(414, Sequences.Split(Sequences.Bytes(start), 30, 60, 100), limits);
    }

    [TestMethod]
    public void The_default_request_line_limit_is_8192_bytes()
    {
        var fits = "GET /" + new string('a', 8192 - "GET / HTTP/1.1".Length) + " HTTP/1.1\r\nHost: a\r\n\r\n";
        var tooLong = "GET /" + new string('a', 8193 - "GET / HTTP/1.1".Length) + " HTTP/1.1\r\nHost: a\r\n\r\n";

        ParseWhole(fits);
        Reject(414, tooLong);
    }

    [TestMethod]
    public void A_header_block_of_exactly_the_limit_is_accepted_however_it_arrives()
    {
        var limits = new ChatServerLimits { MaxRequestHeadersBytes = 64 };
        var block = "Host: a\r\nX-Fill: " + new string('f', 64 - "Host: a\r\nX-Fill: \r\n".Length) + "\r\n";
        Assert.AreEqual(64, block.Length);
        var raw = Sequences.Bytes("GET / HTTP/1.1\r\n" + block + "\r\n");

        ParseWhole(raw, limits);
        AssertEverySplitParses(raw, limits);
    }

    [TestMethod]
    public void A_header_block_one_byte_over_the_limit_gets_431()
    {
        var limits = new ChatServerLimits { MaxRequestHeadersBytes = 64 };
        var block = "Host: a\r\nX-Fill: " + new string('f', 65 - "Host: a\r\nX-Fill: \r\n".Length) + "\r\n";
        Assert.AreEqual(65, block.Length);

        var error = Reject(431, "GET / HTTP/1.1\r\n" + block + "\r\n", limits);

        StringAssert.Contains(error.Message, "headers");
    }

    [TestMethod]
    public void A_header_block_over_the_limit_gets_431_before_its_end_arrives()
    {
        var limits = new ChatServerLimits { MaxRequestHeadersBytes = 64 };
        var head = "GET / HTTP/1.1\r\n";
        var endless = head + "Host: a\r\nX-Fill: " + new string('f', 500);

        // 64 header bytes and the CR of the empty line could still end a valid block.
        AssertNeedsMore(endless[..(head.Length + 65)], limits);
        Reject(431, endless[..(head.Length + 66)], limits);
        Reject(431, endless, limits);
        Reject(431, Sequences.Split(Sequences.Bytes(endless), 5, 17, 90), limits);
    }

    [TestMethod]
    public void Many_small_headers_over_the_byte_limit_get_431()
    {
        var limits = new ChatServerLimits { MaxRequestHeadersBytes = 1024 };
        var raw = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (var i = 0; i < 99; i++)
        {
            raw.Append("X-").Append(i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append(": 0123456789\r\n");
        }

        Reject(431, raw.Append("\r\n").ToString(), limits);
    }

    [TestMethod]
    public void The_header_count_limit_allows_exactly_the_limit_and_refuses_one_more()
    {
        var limits = new ChatServerLimits { MaxRequestHeaderCount = 5 };
        const string five = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n";

        Assert.AreEqual(5, ParseWhole(five + "\r\n", limits).Headers.Count);
        var error = Reject(431, five + "E: 5\r\n\r\n", limits);
        StringAssert.Contains(error.Message, "headers");
    }

    [TestMethod]
    public void The_default_header_count_limit_is_100()
    {
        var raw = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (var i = 1; i < 100; i++)
        {
            raw.Append("X-").Append(i).Append(": v\r\n");
        }

        Assert.AreEqual(100, ParseWhole(raw + "\r\n").Headers.Count);
        Reject(431, raw + "X-100: v\r\n\r\n");
    }

    [TestMethod]
    public void A_body_of_exactly_the_limit_is_accepted()
    {
        var limits = new ChatServerLimits { MaxRequestBodyBytes = 32 };

        var request = ParseWhole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 32\r\n\r\n" + new string('b', 32), limits);

        Assert.HasCount(32, request.Body);
    }

    [TestMethod]
    [DataRow("33")]
    [DataRow("1000000")]
    [DataRow("999999999999999999")]
    public void A_content_length_over_the_limit_gets_413_as_soon_as_the_headers_are_complete(string length)
    {
        var limits = new ChatServerLimits { MaxRequestBodyBytes = 32 };
        const string head = "POST /say HTTP/1.1\r\nHost: a\r\nContent-Length: {0}\r\n\r\n";
        var headers = head.Replace("{0}", length, StringComparison.Ordinal);

        AssertNeedsMore(headers[..^1], limits);
        var error = Reject(413, headers, limits);
        StringAssert.Contains(error.Message, "too large");
        Reject(413, headers + "partial body", limits);
    }

    [TestMethod]
    public void The_default_body_limit_is_16384_bytes()
    {
        ParseWhole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 16384\r\n\r\n" + new string('b', 16384));
        Reject(413, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 16385\r\n\r\n");
    }

    private static void AssertEverySplitParses(byte[] raw, ChatServerLimits limits)
    {
        var whole = ParseWhole(raw, limits);
        for (var k = 0; k <= raw.Length; k++)
        {
            if (k < raw.Length)
            {
                AssertNeedsMore(Sequences.Of(raw[..k]), limits, "prefix of " + k + " bytes");
            }

            var split = Sequences.Split(raw, k);
            AssertSame(whole, ParseComplete(split, raw.Length, limits), "split at " + k);
        }
    }
}
