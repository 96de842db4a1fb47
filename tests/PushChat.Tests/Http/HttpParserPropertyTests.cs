using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PushChat.Internal.Http;
using static PushChat.Tests.Http.ParserHarness;

namespace PushChat.Tests.Http;

/// <summary>
/// Properties of the parser over generated input: whatever arrives, the answer is a request, a
/// wait for more, or a typed refusal with a status the server can send; a valid request parses
/// the same however its bytes are split; forms round-trip.
/// </summary>
[TestClass]
public sealed class HttpParserPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    private static readonly string[] Pieces =
    {
        "GET ", "POST ", "HEAD ", "/", "/say", "?sid=", " HTTP/1.1", " HTTP/1.0", "\r\n", "\r", "\n", "Host: a", ":", " ",
        "Content-Length: ", "5", "0", "-1", "Transfer-Encoding: chunked", "Connection: close", "\t", "\0", "\u00ff", "%", "X-A: b",
        "3\r\nabc\r\n", "0\r\n\r\n", "hello", "http://a/", "[::1]", ",",
    };

    [TestMethod]
    public void Any_bytes_give_a_request_a_wait_or_a_typed_refusal()
    {
        var random = Gen.Frequency(
            (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i))),
            (3, Gen.ListOf(Gen.Elements(Pieces)).Select(parts => Encoding.Latin1.GetBytes(string.Concat(parts)))));
        Check.One(Runs, Prop.ForAll(random.ToArbitrary(), bytes =>
        {
            try
            {
                var buffer = Sequences.Of(bytes);
                var parsed = Parser().TryParse(buffer, out var request, out var consumed);
                return parsed ? request is not null && Sequences.OffsetOf(buffer, consumed) > 0 : consumed.Equals(buffer.Start);
            }
            catch (BadHttpRequestException error)
            {
                return error.StatusCode is >= 400 and < 600 && ReasonPhrases.For(error.StatusCode) != "Unknown" && error.Message.EndsWith('.');
            }
        }));
    }

    [TestMethod]
    public void A_valid_request_parses_the_same_under_any_split()
    {
        var requests =
            from method in Gen.Elements("GET", "POST", "HEAD")
            from path in Gen.Elements("/", "/say", "/chat", "/a/b%20c")
            from query in Gen.Elements("", "?sid=abc", "?x=1&y=%C3%A9")
            // At most 90 of them: with Host and the body's framing a valid request stays within MaxRequestHeaderCount (100).
            from headers in Gen.ListOf(Gen.Elements("Accept: */*", "X-Tag: one two", "Cookie: a=b; c=d", "User-Agent: prop/1.0")).Select(h => h.Take(90).ToArray())
            from body in Gen.Elements("", "text=hi", "text=" + new string('x', 300))
            from chunked in Gen.Elements(false, true)
            from chunkSize in Gen.Choose(1, 64)
            from cuts in Gen.ArrayOf(Gen.Choose(0, 2000))
            select (Raw: Request(method, path + query, headers, body, chunked, chunkSize), Cuts: cuts);
        Check.One(Runs, Prop.ForAll(requests.ToArbitrary(), sample =>
        {
            var bytes = Encoding.Latin1.GetBytes(sample.Raw);
            var expected = ParseWhole(bytes);
            var cuts = sample.Cuts.Select(c => c % (bytes.Length + 1)).Distinct().Order().ToArray();
            AssertSame(expected, ParseComplete(Sequences.Split(bytes, cuts), bytes.Length));
            return true;
        }));
    }

    [TestMethod]
    public void A_form_round_trips_through_the_decoder()
    {
        var text = Gen.Elements("", "a", "é", "你好", "a b", "a+b", "a&b=c", "%", "😀", "\t", "line\nbreak");
        var fields =
            from names in Gen.ListOf(Gen.Elements("text", "name", "sid", "to", "é"))
            from values in Gen.ListOf(text)
            select names.Distinct().Zip(values.Concat(Enumerable.Repeat("v", names.Count)), (n, v) => (Name: n, Value: v)).ToArray();
        Check.One(Runs, Prop.ForAll(fields.ToArbitrary(), form =>
        {
            var encoded = string.Join("&", form.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
            var decoded = FormDecoder.Decode(encoded);
            return decoded.Count == form.Length && form.All(f => decoded[f.Name] == f.Value);
        }));
    }

    private static string Request(string method, string target, IEnumerable<string> headers, string body, bool chunked, int chunkSize)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: chat.example\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        if (method != "POST")
        {
            return head.Append("\r\n").ToString();
        }

        if (!chunked)
        {
            return head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n{body}").ToString();
        }

        head.Append("Transfer-Encoding: chunked\r\n\r\n");
        for (var i = 0; i < body.Length; i += chunkSize)
        {
            var chunk = body.Substring(i, Math.Min(chunkSize, body.Length - i));
            head.Append(CultureInfo.InvariantCulture, $"{chunk.Length:x}\r\n{chunk}\r\n");
        }

        return head.Append("0\r\n\r\n").ToString();
    }
}
