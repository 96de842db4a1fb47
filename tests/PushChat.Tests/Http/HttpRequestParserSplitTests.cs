using System.Buffers;
using System.Globalization;
using System.Text;
using PushChat.Internal.Http;
using static PushChat.Tests.Http.ParserHarness;

namespace PushChat.Tests.Http;

/// <summary>A socket delivers a request in arbitrary pieces; the result must never depend on where they fall.</summary>
[TestClass]
public sealed class HttpRequestParserSplitTests
{
    private const string Get =
        "GET /chat/frame?sid=Zm9v&n=2 HTTP/1.1\r\nHost: chat.example:8080\r\nUser-Agent: Mozilla/5.0 (X11)\r\n" +
        "Accept: text/html, */*;q=0.8\r\nCookie: a=1; b=2\r\nConnection: keep-alive\r\n\r\n";

    private const string Post =
        "POST /say HTTP/1.1\r\nHost: chat.example\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
        "Content-Length: 37\r\nConnection: close\r\n\r\nsid=Zm9v&text=%E4%BD%A0%E5%A5%BD+\r\n\r\n";

    [TestMethod]
    [DataRow(Get)]
    [DataRow(Post)]
    [DataRow("GET / HTTP/1.0\r\n\r\n")]
    [DataRow("\r\n\r\nGET /health HTTP/1.1\r\nHost: a\r\n\r\n")]
    public void Every_split_into_two_reads_gives_the_same_request(string raw)
    {
        var bytes = Sequences.Bytes(raw);
        var whole = ParseWhole(bytes);

        for (var k = 0; k <= bytes.Length; k++)
        {
            if (k < bytes.Length)
            {
                AssertNeedsMore(Sequences.Of(bytes[..k]), because: "first " + k + " bytes alone");
            }

            AssertSame(whole, ParseComplete(Sequences.Split(bytes, k), bytes.Length), "split at " + k);
        }
    }

    [TestMethod]
    [DataRow(Get)]
    [DataRow(Post)]
    public void Every_split_into_three_reads_gives_the_same_request(string raw)
    {
        var bytes = Sequences.Bytes(raw);
        var whole = ParseWhole(bytes);

        for (var i = 0; i <= bytes.Length; i++)
        {
            for (var j = i; j <= bytes.Length; j++)
            {
                AssertSame(whole, ParseComplete(Sequences.Split(bytes, i, j), bytes.Length), "split at " + i + " and " + j);
            }
        }
    }

    [TestMethod]
    public void One_byte_per_segment_gives_the_same_request()
    {
        var bytes = Sequences.Bytes(Post);
        var whole = ParseWhole(bytes);

        var single = Sequences.Of(bytes.Select(b => new[] { b }).ToArray());

        AssertSame(whole, ParseComplete(single, bytes.Length));
    }

    [TestMethod]
    public void The_body_example_in_the_post_has_the_declared_length()
    {
        // Guards the fixture above: its Content-Length must match its body.
        var request = ParseWhole(Post);

        Assert.AreEqual("sid=Zm9v&text=%E4%BD%A0%E5%A5%BD+\r\n\r\n", Encoding.ASCII.GetString(request.Body));
        Assert.IsFalse(request.KeepAlive);
    }

    [TestMethod]
    public void Two_pipelined_requests_split_anywhere_come_out_in_order()
    {
        var bytes = Sequences.Bytes(Post + Get);
        var first = ParseWhole(Post);
        var second = ParseWhole(Get);

        for (var k = 0; k <= bytes.Length; k++)
        {
            var parsed = Feed([bytes[..k], bytes[k..]]);

            Assert.HasCount(2, parsed, "split at " + k);
            AssertSame(first, parsed[0], "split at " + k);
            AssertSame(second, parsed[1], "split at " + k);
        }
    }

    [TestMethod]
    public void Random_valid_requests_parse_the_same_however_they_are_split()
    {
        var random = new Random(9112);
        for (var n = 0; n < 400; n++)
        {
            var expected = RandomRequest(random);
            var raw = expected.Raw;
            var context = "request " + n + ":\n" + Encoding.Latin1.GetString(raw);

            AssertMatches(expected, ParseWhole(raw), context);

            for (var trial = 0; trial < 8; trial++)
            {
                var cuts = RandomCuts(random, raw.Length, random.Next(1, 6));
                AssertMatches(expected, ParseComplete(Sequences.Split(raw, cuts), raw.Length), context + "\ncuts " + string.Join(",", cuts));

                var k = random.Next(raw.Length);
                AssertNeedsMore(Sequences.Split(raw[..k], RandomCuts(random, k, random.Next(0, 3))), because: context + "\nprefix " + k);
            }
        }
    }

    [TestMethod]
    public void Random_streams_of_pipelined_requests_fed_in_random_chunks_come_out_whole_and_in_order()
    {
        var random = new Random(7230);
        for (var n = 0; n < 150; n++)
        {
            var requests = Enumerable.Range(0, random.Next(1, 6)).Select(_ => RandomRequest(random)).ToArray();
            var stream = requests.SelectMany(r => r.Raw).ToArray();
            var cuts = RandomCuts(random, stream.Length, random.Next(0, 12));
            var pieces = new List<byte[]>();
            var start = 0;
            foreach (var cut in cuts.Append(stream.Length))
            {
                pieces.Add(stream[start..cut]);
                start = cut;
            }

            var parsed = Feed(pieces);

            Assert.HasCount(requests.Length, parsed, "stream " + n);
            for (var i = 0; i < requests.Length; i++)
            {
                AssertMatches(requests[i], parsed[i], "stream " + n + ", request " + i);
            }
        }
    }

    /// <summary>Feeds pieces the way a connection does: append, parse while possible, keep the rest.</summary>
    private static List<HttpRequest> Feed(IEnumerable<byte[]> pieces)
    {
        var parser = new ConnectionParser();
        var received = new List<byte[]>();
        var parsed = new List<HttpRequest>();
        long consumedSoFar = 0;
        foreach (var piece in pieces)
        {
            received.Add(piece);
            while (true)
            {
                var buffer = Sequences.Of(received.ToArray()).Slice(consumedSoFar);
                if (!parser.TryParse(buffer, out var request, out var consumed))
                {
                    Assert.AreEqual(buffer.Start, consumed);
                    break;
                }

                parsed.Add(request);
                consumedSoFar += Sequences.OffsetOf(buffer, consumed);
            }
        }

        Assert.AreEqual(received.Sum(p => (long)p.Length), consumedSoFar, "Every byte of whole requests must be consumed.");
        return parsed;
    }

    private static int[] RandomCuts(Random random, int length, int count)
    {
        var cuts = new int[count];
        for (var i = 0; i < count; i++)
        {
            cuts[i] = random.Next(length + 1);
        }

        Array.Sort(cuts);
        return cuts;
    }

    private static void AssertMatches(GeneratedRequest expected, HttpRequest actual, string context)
    {
        Assert.AreEqual(expected.Method, actual.Method, context);
        Assert.AreEqual(expected.Path, actual.Path, context);
        Assert.AreEqual(expected.Query, actual.Query, context);
        Assert.AreEqual(expected.Version, actual.Version, context);
        Assert.AreEqual(expected.KeepAlive, actual.KeepAlive, context);
        Assert.AreEqual(expected.Method == "HEAD", actual.IsHead, context);
        CollectionAssert.AreEqual(expected.Headers, actual.Headers.Fields.ToArray(), context);
        CollectionAssert.AreEqual(expected.Body, actual.Body, context);
    }

    private const string Alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string PathChars = Alpha + "-._~!$&'()*+,;=:@%";
    private const string QueryChars = PathChars + "/?";
    private const string TokenChars = Alpha + "!#$%&'*+-.^_`|~";

    private static GeneratedRequest RandomRequest(Random random)
    {
        var version = random.Next(5) == 0 ? HttpVersion.Http10 : HttpVersion.Http11;
        var method = new[] { "GET", "POST", "HEAD", "DELETE" }[random.Next(4)];

        var path = new StringBuilder();
        for (var segments = random.Next(0, 4); segments >= 0; segments--)
        {
            path.Append('/').Append(RandomText(random, PathChars, 0, 12));
        }

        var query = random.Next(2) == 0 ? null : RandomText(random, QueryChars, 0, 30);
        var text = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(query is null ? string.Empty : "?" + query)
            .Append(version == HttpVersion.Http11 ? " HTTP/1.1\r\n" : " HTTP/1.0\r\n");

        var headers = new List<KeyValuePair<string, string>>();
        void AddHeader(string name, string value, string before = " ", string after = "")
        {
            headers.Add(new KeyValuePair<string, string>(name, value));
            text.Append(name).Append(':').Append(before).Append(value).Append(after).Append("\r\n");
        }

        if (version == HttpVersion.Http11 || random.Next(2) == 0)
        {
            AddHeader(RandomCase(random, "Host"), "chat.example:" + random.Next(1, 65536).ToString(CultureInfo.InvariantCulture));
        }

        string? connection = random.Next(3) switch { 0 => null, 1 => "close", _ => "keep-alive" };
        var body = Array.Empty<byte>();
        var withBody = method == "POST" || random.Next(6) == 0;
        if (withBody)
        {
            body = new byte[random.Next(0, 300)];
            random.NextBytes(body);
        }

        var extra = random.Next(0, 9);
        var lengthAt = withBody ? random.Next(extra + 1) : -1;
        var connectionAt = connection is null ? -1 : random.Next(extra + 1);
        for (var i = 0; i <= extra; i++)
        {
            if (i == lengthAt)
            {
                AddHeader(RandomCase(random, "Content-Length"), body.Length.ToString(CultureInfo.InvariantCulture), RandomWhitespace(random), RandomWhitespace(random));
            }

            if (i == connectionAt)
            {
                AddHeader("Connection", connection!);
            }

            if (i < extra)
            {
                var value = RandomValue(random);
                AddHeader("X-" + RandomText(random, TokenChars, 1, 10), value, RandomWhitespace(random), RandomWhitespace(random));
            }
        }

        text.Append("\r\n");
        byte[] raw = [.. Sequences.Bytes(text.ToString()), .. body];
        var keepAlive = version == HttpVersion.Http11 ? connection != "close" : connection == "keep-alive";
        return new GeneratedRequest(method, path.ToString(), query ?? string.Empty, version, headers.ToArray(), body, keepAlive, raw);
    }

    private static string RandomText(Random random, string alphabet, int min, int max)
    {
        var chars = new char[random.Next(min, max + 1)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>A field value (RFC 9110 §5.5): visible ASCII and obs-text, with inner SP/HTAB but none at either end.</summary>
    private static string RandomValue(Random random)
    {
        var chars = new char[random.Next(0, 40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(10) switch
            {
                0 => ' ',
                1 => '\t',
                2 => (char)random.Next(0x80, 0x100),
                _ => (char)random.Next(0x21, 0x7F),
            };
        }

        return new string(chars).Trim(' ', '\t');
    }

    private static string RandomWhitespace(Random random) => RandomText(random, " \t", 0, 3);

    private static string RandomCase(Random random, string name) =>
        string.Concat(name.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));

    private sealed record GeneratedRequest(
        string Method,
        string Path,
        string Query,
        HttpVersion Version,
        KeyValuePair<string, string>[] Headers,
        byte[] Body,
        bool KeepAlive,
        byte[] Raw);
}
