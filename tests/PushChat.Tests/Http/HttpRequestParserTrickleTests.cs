using System.Buffers;
using System.Globalization;
using System.Text;
using PushChat.Internal.Http;
using static PushChat.Tests.Http.ParserHarness;

namespace PushChat.Tests.Http;

/// <summary>A client may send its request a byte at a time; the cost of parsing it must stay linear in its size.</summary>
[TestClass]
public sealed class HttpRequestParserTrickleTests
{
    [TestMethod]
    public async Task A_32_KB_head_trickled_a_byte_per_read_allocates_a_few_times_its_size()
    {
        var limits = new ChatServerLimits();
        var raw = Sequences.Bytes(Head("/chat/frame?sid=Zm9v", limits.MaxRequestHeadersBytes));

        var (requests, allocated) = await TrickleThroughPipeAsync(raw, limits: limits);

        Assert.HasCount(1, requests);
        Assert.AreEqual("/chat/frame", requests[0].Path);
        Assert.AreEqual("chat.example", requests[0].Headers["Host"]);
        Assert.AreEqual(new string('v', 4000), requests[0].Headers["X-Fill-00"]);

        // One copy of the head and its strings take a few times its size; starting over on every
        // read costs about size² / 2 bytes, over 500 MB here.
        Assert.IsLessThan(16L * raw.Length, allocated, $"{allocated:N0} bytes allocated for a head of {raw.Length:N0} bytes.");
    }

    [TestMethod]
    public void A_head_trickled_a_byte_per_read_has_each_byte_examined_a_few_times_only()
    {
        var raw = Sequences.Bytes("\r\n" + Head("/chat?sid=Zm9v", 4096));
        var bytes = new CountingSequence(raw);
        var parser = new ConnectionParser();

        for (var length = 1; length < raw.Length; length++)
        {
            Assert.IsFalse(parser.TryParse(bytes.Prefix(length), out _, out _), "prefix of " + length + " bytes");
        }

        Assert.IsTrue(parser.TryParse(bytes.Prefix(raw.Length), out var request, out _));
        Assert.AreEqual("/chat", request.Path);

        // With one byte per segment every span read is one byte examined or copied.
        Assert.IsLessThan(8L * raw.Length, bytes.SpanReads, $"{bytes.SpanReads:N0} bytes examined in a head of {raw.Length:N0} bytes.");
    }

    [TestMethod]
    [DataRow(0, 0, "\r\n\r\nGET /health HTTP/1.1\r\nHost: a\r\n\r\nGET /next HTTP/1.0\r\n\r\n")]
    [DataRow(0, 0, "\r\n\r\n\r\rGET / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [DataRow(0, 0, "POST /say HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello\r\nPOST /say HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi")]
    [DataRow(0, 0, "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.1\r\n\r\n")]
    [DataRow(0, 0, "GET / HTTP/1.1\r\nHost: a\r\nX: b\n\r\n\r\n")]
    [DataRow(0, 0, "GET / HTTP/1.1\r\nHost: a\r\n\n")]
    [DataRow(0, 0, "GET / HTTP/1.1\r\nHost : a\nX: b\r\n\r\n")]
    [DataRow(0, 0, "GET / HTTP/1.1\r\nHost: a\r\r\n\r\n")]
    [DataRow(0, 0, "GET / HTTP/1.1\nHost: a\r\n\r\n")]
    [DataRow(0, 0, "GET / HTTP/2.0\r\nHost: a\r\n\r\n")]
    [DataRow(0, 0, "POST /say HTTP/1.1\r\nHost: a\r\nContent-Length: 99999\r\n\r\n")]
    [DataRow(16, 0, "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [DataRow(17, 0, "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [DataRow(14, 0, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [DataRow(13, 0, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [DataRow(0, 9, "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: ab\r\n\r\n")]
    [DataRow(0, 9, "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n\r\n")]
    [DataRow(0, 9, "GET / HTTP/1.1\r\nHost: abc\r\r\r\r\r")]
    public void A_request_fed_a_byte_per_read_is_answered_as_if_each_prefix_came_whole(int maxLine, int maxHeaders, string raw)
    {
        var limits = new ChatServerLimits();
        limits.MaxRequestLineBytes = maxLine > 0 ? maxLine : limits.MaxRequestLineBytes;
        limits.MaxRequestHeadersBytes = maxHeaders > 0 ? maxHeaders : limits.MaxRequestHeadersBytes;
        var bytes = Sequences.Bytes(raw);
        var connection = new ConnectionParser(limits);
        var fresh = Parser(limits);
        var start = 0;
        var refused = false;
        for (var end = 1; end <= bytes.Length && !refused; end++)
        {
            // One byte per segment, as the pieces of a trickle may stay.
            var buffer = Sequences.Of(bytes[start..end].Select(b => new[] { b }).ToArray());
            var context = "bytes " + start + ".." + end;
            while (true)
            {
                var expected = Outcome(() => (fresh.TryParse(buffer, out var request, out var consumed), request, consumed));
                var actual = Outcome(() => (connection.TryParse(buffer, out var request, out var consumed), request, consumed));
                Assert.AreEqual(expected.Text, actual.Text, context);
                refused = actual.Text.StartsWith("refused", StringComparison.Ordinal);
                if (actual.Request is null)
                {
                    break;
                }

                AssertSame(expected.Request!, actual.Request, context);
                Assert.AreEqual(Sequences.OffsetOf(buffer, expected.Consumed), Sequences.OffsetOf(buffer, actual.Consumed), context);
                start += (int)Sequences.OffsetOf(buffer, actual.Consumed);
                buffer = buffer.Slice(actual.Consumed);
            }
        }
    }

    private static (string Text, HttpRequest? Request, SequencePosition Consumed) Outcome(Func<(bool Parsed, HttpRequest? Request, SequencePosition Consumed)> parse)
    {
        try
        {
            var (parsed, request, consumed) = parse();
            return (parsed ? "request " + request!.Method + " " + request.Path : "needs more", request, consumed);
        }
        catch (BadHttpRequestException error)
        {
            return ("refused " + error.StatusCode + ": " + error.Message, null, default);
        }
    }

    /// <summary>A GET whose header block is exactly <paramref name="blockBytes"/> long, in lines of at most 4 KB.</summary>
    private static string Head(string target, int blockBytes)
    {
        var block = new StringBuilder("Host: chat.example\r\n");
        for (var i = 0; block.Length < blockBytes; i++)
        {
            var room = blockBytes - block.Length - "X-Fill-00: \r\n".Length;
            block.Append("X-Fill-").Append(i.ToString("D2", CultureInfo.InvariantCulture)).Append(": ")
                .Append('v', Math.Min(4000, room)).Append("\r\n");
        }

        Assert.AreEqual(blockBytes, block.Length);
        return "GET " + target + " HTTP/1.1\r\n" + block + "\r\n";
    }
}
