using System.Text;
using PushChat.Internal.Http;
using static PushChat.Tests.Http.ParserHarness;

namespace PushChat.Tests.Http;

/// <summary>Request bodies framed as RFC 9112 §6 allows: a length, chunks, or nothing at all.</summary>
[TestClass]
public sealed class HttpRequestBodyTests
{
    private const string Chunked = "POST /say HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;name=\"value\"\r\ntext=\r\nB\r\nhello%20wor\r\n2 \r\nld\r\n0\r\nX-Trailer: dropped\r\n\r\n";

    [TestMethod]
    public void A_chunked_body_is_decoded_with_its_extensions_and_trailers_dropped()
    {
        var request = ParseWhole(Chunked);

        Assert.AreEqual("text=hello%20world", Encoding.ASCII.GetString(request.Body));
        Assert.IsNull(request.Headers["X-Trailer"], "trailer fields are not merged into the headers");
    }

    [TestMethod]
    public void A_chunked_body_parses_the_same_under_every_split_and_leaves_the_next_request()
    {
        var bytes = Sequences.Bytes(Chunked + "GET /health HTTP/1.1\r\nHost: a\r\n\r\n");
        var expected = ParseWhole(Chunked);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var parsed = ParseComplete(Sequences.Split(bytes, cut), Chunked.Length);
            AssertSame(expected, parsed, "split at " + cut);
        }
    }

    [TestMethod]
    public async Task A_chunked_body_trickled_byte_by_byte_costs_memory_linear_in_its_size()
    {
        var data = new string('a', 8000);
        var body = string.Concat(Enumerable.Range(0, 8).Select(i => $"3E8\r\n{data.Substring(i * 1000, 1000)}\r\n")) + "0\r\n\r\n";
        var raw = Sequences.Bytes("POST /say HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body);

        var (requests, allocated) = await TrickleThroughPipeAsync(raw);

        Assert.HasCount(1, requests);
        Assert.AreEqual(8000, requests[0].Body.Length);
        Assert.IsLessThan(2_000_000, allocated, $"a body of {raw.Length} bytes allocated {allocated} bytes");
    }

    [TestMethod]
    public void A_decoded_chunked_body_is_held_to_the_body_limit()
    {
        var limits = new ChatServerLimits { MaxRequestBodyBytes = 10 };
        var fits = ParseWhole("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n", limits);

        Assert.AreEqual(10, fits.Body.Length);
        Reject(413, Sequences.Of(Sequences.Bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n6\r\n")), limits);
        Reject(431, Sequences.Of(Sequences.Bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: " + new string('a', 40_000))));
    }

    [TestMethod]
    // RFC 9112 §7.1: leading zeros are hex digits too; BWS may come before ';' (errata 4667) and
    // before the line end; the coding name is case-insensitive and empty list elements are skipped
    // (RFC 9110 §5.6.1).
    [DataRow("Transfer-Encoding: chunked", "000000005\r\nhello\r\n0000\r\n\r\n")]
    [DataRow("Transfer-Encoding: chunked", "5 ;a=b\r\nhello\r\n0\t;x\r\n\r\n")]
    [DataRow("Transfer-Encoding: chunked", "5\t \r\nhello\r\n0 \r\n\r\n")]
    [DataRow("Transfer-Encoding: CHUNKED", "5\r\nhello\r\n0\r\n\r\n")]
    [DataRow("Transfer-Encoding: , chunked,", "5\r\nhello\r\n0\r\n\r\n")]
    [DataRow("Transfer-Encoding: \r\nTransfer-Encoding: chunked", "5\r\nhello\r\n0\r\n\r\n")]
    public void Chunk_sizes_and_coding_lists_that_rfc_9112_allows_are_read(string codings, string body)
    {
        var request = ParseWhole("POST / HTTP/1.1\r\nHost: a\r\n" + codings + "\r\n\r\n" + body);

        Assert.AreEqual("hello", Encoding.ASCII.GetString(request.Body));
    }

    [TestMethod]
    [DataRow("POST /leave HTTP/1.1\r\nHost: a\r\n\r\n")]
    [DataRow("POST /leave HTTP/1.0\r\n\r\n")]
    public void A_post_with_neither_length_nor_chunks_has_an_empty_body(string raw)
    {
        var request = ParseWhole(raw);

        Assert.AreEqual("POST", request.Method);
        Assert.IsEmpty(request.Body);
    }

    [TestMethod]
    [DataRow("Host: Chat.Example:8080", "chat.example")]
    [DataRow("Host: 127.0.0.1", "127.0.0.1")]
    [DataRow("Host: [::1]:9148", "[::1]")]
    [DataRow("Host: localhost:", "localhost")]
    [DataRow("Host: ", "")]
    [DataRow("Host: [::1]", "[::1]")]
    [DataRow("Host: [::1]:", "[::1]")]
    [DataRow("Host: [2001:DB8::7]:80", "[2001:db8::7]")]
    [DataRow("Host: [::ffff:192.0.2.1]", "[::ffff:192.0.2.1]")]
    public void The_host_is_the_host_headers_name_without_its_port(string header, string host)
    {
        Assert.AreEqual(host, ParseWhole($"GET / HTTP/1.1\r\n{header}\r\n\r\n").Host);
    }

    [TestMethod]
    public void An_absolute_form_target_names_the_host_instead_of_the_host_header()
    {
        // RFC 9112 §3.2.2: the target's authority wins.
        Assert.AreEqual("chat.example", ParseWhole("GET http://chat.example:80/chat HTTP/1.1\r\nHost: other.example\r\n\r\n").Host);
    }
}
