using PushChat.Internal.Http;
using static PushChat.Tests.Http.ParserHarness;

namespace PushChat.Tests.Http;

[TestClass]
public sealed class HttpRequestParserRejectionTests
{
    // Each row: expected status, raw request (chars U+0000..U+00FF are single bytes), a fragment of the message.
    [TestMethod]
    // malformed request line
    [DataRow(400, "GET\r\n\r\n", "request line")]
    [DataRow(400, "GET /\r\n\r\n", "request line")]
    [DataRow(400, " GET / HTTP/1.1\r\nHost: a\r\n\r\n", "request line")]
    [DataRow(400, "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", "request line")]
    [DataRow(400, "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", "method")]
    [DataRow(400, "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", "method")]
    [DataRow(400, "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", "version")]
    [DataRow(400, "GET / HTTP/1.1 extra\r\nHost: a\r\n\r\n", "version")]
    [DataRow(400, "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", "version")]
    [DataRow(400, "GET / http/1.1\r\nHost: a\r\n\r\n", "version")]
    [DataRow(400, "GET / HTTP/1.10\r\nHost: a\r\n\r\n", "version")]
    [DataRow(400, "GET / HTTP/1\r\nHost: a\r\n\r\n", "version")]
    [DataRow(400, "GET / HTTP/a.b\r\nHost: a\r\n\r\n", "version")]
    [DataRow(400, "GET / HTTP/1.1\r\r\nHost: a\r\n\r\n", "version")]
    // bare LF line ends
    [DataRow(400, "GET / HTTP/1.1\nHost: a\r\n\r\n", "CR LF")]
    [DataRow(400, "GET / HTTP/1.0\n\n", "CR LF")]
    [DataRow(400, "\n", "CR LF")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", "CR LF")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX: b\n\r\n\r\n", "CR LF")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\n\n", "CR LF")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\n\n", "CR LF")]
    [DataRow(400, "GET / HTTP/1.0\r\n\n", "CR LF")]
    // header syntax
    [DataRow(400, "GET / HTTP/1.1\r\nHost : a\r\n\r\n", "header name")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", "header name")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX(y): 1\r\n\r\n", "header name")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX-\u00e9: 1\r\n\r\n", "header name")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\n: empty\r\n\r\n", "header")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nNo colon here\r\n\r\n", "header")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n two\r\n\r\n", "Folded")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n\ttwo\r\n\r\n", "Folded")]
    [DataRow(400, "GET / HTTP/1.1\r\n Host: a\r\n\r\n", "Folded")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX: a\u0001b\r\n\r\n", "control character")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX: a\u0000\r\n\r\n", "control character")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX: a\u007fb\r\n\r\n", "control character")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", "control character")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX: a\u001bb\r\n\r\n", "control character")]
    // Host
    [DataRow(400, "GET / HTTP/1.1\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nX-Host: a\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", "Host")]
    // Content-Length and Transfer-Encoding
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1.0\r\n\r\n", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5 5\r\n\r\n", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", "Content-Length")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello", "Transfer-Encoding")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nhello", "Transfer-Encoding")]
    [DataRow(400, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", "Transfer-Encoding")]
    // request target
    [DataRow(400, "GET chat HTTP/1.1\r\nHost: a\r\n\r\n", "'/'")]
    [DataRow(400, "GET * HTTP/1.1\r\nHost: a\r\n\r\n", "'/'")]
    [DataRow(400, "GET chat.example:80 HTTP/1.1\r\nHost: a\r\n\r\n", "'/'")]
    [DataRow(400, "GET ftp://chat.example/ HTTP/1.1\r\nHost: a\r\n\r\n", "'/'")]
    [DataRow(400, "GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", "percent-encoded")]
    [DataRow(400, "GET /\u00ff HTTP/1.1\r\nHost: a\r\n\r\n", "percent-encoded")]
    [DataRow(400, "GET /a\u007fb HTTP/1.1\r\nHost: a\r\n\r\n", "percent-encoded")]
    [DataRow(400, "GET /a\u0000b HTTP/1.1\r\nHost: a\r\n\r\n", "percent-encoded")]
    [DataRow(400, "GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n", "percent-encoded")]
    // a coding list that does not end in chunked cannot be framed (RFC 9112 §6.3: 400), whatever
    // its lines; chunked applied twice is forbidden (§6.1); understood-but-unknown codings before
    // a final chunked are 501 (§6.1)
    [DataRow(400, "POST /say HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", "chunked")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n", "chunked")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", "chunked")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", "chunked")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n", "chunked")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n\r\n", "chunked")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked;q=1\r\n\r\n", "chunked")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", "once")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "once")]
    [DataRow(501, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "transfer coding")]
    [DataRow(501, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", "transfer coding")]
    // chunked bodies
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nx\r\n", "chunk size")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "chunk size")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", "chunk size")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello", "CR LF")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX", "CR LF")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: y\n", "CR LF")]
    [DataRow(413, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4001\r\n", "too large")]
    [DataRow(413, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n100000000", "too large")]
    [DataRow(413, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFFFF1", "too large")]
    // trailer fields are dropped but must be field lines (RFC 9112 §7.1.2)
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nno colon here\r\n\r\n", "trailer")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n: empty name\r\n\r\n", "trailer")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n folded: x\r\n\r\n", "trailer")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX y: z\r\n\r\n", "trailer")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\u0001b\r\n\r\n", "trailer")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\rb\r\n\r\n", "CR LF")]
    // chunk-size is hex digits, then only BWS and ";" chunk-ext (RFC 9112 §7.1 and its errata)
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0 5\r\n\r\n", "chunk size")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 5\r\nhello\r\n0\r\n\r\n", "chunk size")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 ext\r\nhello\r\n0\r\n\r\n", "chunk size")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5x\r\nhello\r\n0\r\n\r\n", "chunk size")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n", "chunk size")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n", "chunk size")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 \t 5;a\r\nhello\r\n0\r\n\r\n", "chunk size")]
    // Host (RFC 9112 §3.2, RFC 3986 §3.2.2)
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a,b\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: user@a\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a:port\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a:99999\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [x]:80\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [::1]x\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [::1]80\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [::1]]\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [::1]:8x\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [::1]:[::1]\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [fe80::1%eth0]\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [fe80::1%25eth0]\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [ ::1]\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [127.0.0.1]\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: []\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a[::1]\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: ::1\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a:80:80\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: :80\r\n\r\n", "Host")]
    [DataRow(400, "GET http://[::1]x/ HTTP/1.1\r\nHost: a\r\n\r\n", "host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", "Host")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: %61\r\n\r\n", "Host")]
    [DataRow(400, "GET http://user@chat.example/x HTTP/1.1\r\nHost: chat.example\r\n\r\n", "host")]
    [DataRow(400, "GET http:///x HTTP/1.1\r\nHost: chat.example\r\n\r\n", "host")]
    [DataRow(400, "GET http://a b/ HTTP/1.1\r\nHost: chat.example\r\n\r\n", "Malformed")]
    // 505
    [DataRow(505, "GET / HTTP/2.0\r\nHost: a\r\n\r\n", "HTTP/1.1")]
    [DataRow(505, "GET / HTTP/1.2\r\nHost: a\r\n\r\n", "HTTP/1.1")]
    [DataRow(505, "GET / HTTP/0.9\r\nHost: a\r\n\r\n", "HTTP/1.1")]
    [DataRow(505, "GET / HTTP/3.0\r\n\r\n", "HTTP/1.1")]
    [DataRow(505, "GET / HTTP/2.0\r\n", "HTTP/1.1")]
    public void Bad_input_is_refused_with_the_right_status_and_a_helpful_message(int status, string raw, string fragment)
    {
        var error = Reject(status, raw);

        Assert.Contains(fragment, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [TestMethod]
    // A sample of the rows above; every split must lead to the same refusal or to "need more".
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n two\r\n\r\n")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost : a\r\n\r\n")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a\n\n")]
    [DataRow(400, "GET / HTTP/1.1\r\n\r\n")]
    [DataRow(400, "GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")]
    [DataRow(413, "POST /say HTTP/1.1\r\nHost: a\r\nContent-Length: 20000\r\n\r\nabc")]
    [DataRow(413, "POST /say HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5000\r\nabc")]
    [DataRow(400, "POST /say HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: a,b\r\n\r\n")]
    [DataRow(400, "GET / HTTP/1.1\r\nHost: [::1]x\r\n\r\n")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n")]
    [DataRow(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0 5\r\n\r\n")]
    [DataRow(505, "GET / HTTP/2.0\r\nHost: a\r\n\r\n")]
    public void A_refusal_does_not_depend_on_how_the_bytes_arrive(int status, string raw)
    {
        var bytes = Sequences.Bytes(raw);
        var parser = Parser();
        for (var k = 0; k <= bytes.Length; k++)
        {
            var prefix = Sequences.Of(bytes[..k]);
            try
            {
                Assert.IsFalse(parser.TryParse(prefix, out _, out var consumed), "A prefix of a bad request must never parse.");
                Assert.AreEqual(prefix.Start, consumed);
            }
            catch (BadHttpRequestException error)
            {
                Assert.AreEqual(status, error.StatusCode, "prefix of " + k + " bytes: " + error.Message);
            }

            Reject(status, Sequences.Split(bytes, k), because: "split at " + k);
        }
    }

    [TestMethod]
    public void Refusal_statuses_are_ones_the_server_can_answer_with()
    {
        var statuses = new[]
        {
            Reject(400, "GET / HTTP/1.1\r\n\r\n").StatusCode,
            Reject(501, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").StatusCode,
            Reject(413, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 16385\r\n\r\n").StatusCode,
            Reject(414, "GET /" + new string('a', 9000), null).StatusCode,
            Reject(431, "GET / HTTP/1.1\r\nX: " + new string('a', 40000), null).StatusCode,
            Reject(505, "GET / HTTP/2.0\r\n\r\n").StatusCode,
        };

        foreach (var status in statuses)
        {
            Assert.AreNotEqual("Unknown", ReasonPhrases.For(status), "No reason phrase for " + status);
        }
    }
}
