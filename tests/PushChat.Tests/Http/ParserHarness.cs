using System.Buffers;
using System.IO.Pipelines;
using PushChat.Internal.Http;

namespace PushChat.Tests.Http;

/// <summary>Runs <see cref="HttpRequestParser"/> and checks the contract every call must keep.</summary>
internal static class ParserHarness
{
    public static HttpRequestParser Parser(ChatServerLimits? limits = null) => new(limits ?? new ChatServerLimits());

    /// <summary>Parses a buffer that holds exactly one whole request and nothing after it.</summary>
    public static HttpRequest ParseWhole(string raw, ChatServerLimits? limits = null) => ParseWhole(Sequences.Bytes(raw), limits);

    public static HttpRequest ParseWhole(byte[] raw, ChatServerLimits? limits = null) =>
        ParseComplete(Sequences.Of(raw), raw.Length, limits);

    /// <summary>Parses a buffer that must yield a request of <paramref name="expectedLength"/> bytes.</summary>
    public static HttpRequest ParseComplete(in ReadOnlySequence<byte> buffer, long expectedLength, ChatServerLimits? limits = null)
    {
        var parsed = Parser(limits).TryParse(buffer, out var request, out var consumed);
        Assert.IsTrue(parsed, "A whole request must parse.");
        Assert.IsNotNull(request);
        Assert.AreEqual(expectedLength, Sequences.OffsetOf(buffer, consumed), "consumed must point just after the request.");
        return request;
    }

    /// <summary>Asserts that the buffer is an incomplete request: false, no request, nothing consumed.</summary>
    public static void AssertNeedsMore(in ReadOnlySequence<byte> buffer, ChatServerLimits? limits = null, string? because = null)
    {
        var parsed = Parser(limits).TryParse(buffer, out var request, out var consumed);
        Assert.IsFalse(parsed, because ?? "An incomplete request must not parse.");
        Assert.IsNull(request, because);
        Assert.AreEqual(buffer.Start, consumed, because ?? "Nothing may be consumed while more bytes are needed.");
    }

    public static void AssertNeedsMore(string raw, ChatServerLimits? limits = null) => AssertNeedsMore(Sequences.Of(Sequences.Bytes(raw)), limits);

    /// <summary>Parses and expects a refusal with the given status; returns the exception for further checks.</summary>
    public static BadHttpRequestException Reject(int expectedStatus, in ReadOnlySequence<byte> buffer, ChatServerLimits? limits = null, string? because = null)
    {
        var parser = Parser(limits);
        var copy = buffer;
        var error = Assert.ThrowsExactly<BadHttpRequestException>(() => parser.TryParse(copy, out _, out _), because ?? string.Empty);
        Assert.AreEqual(expectedStatus, error.StatusCode, because ?? error.Message);
        AssertHelpfulMessage(error);
        return error;
    }

    public static BadHttpRequestException Reject(int expectedStatus, string raw, ChatServerLimits? limits = null) =>
        Reject(expectedStatus, Sequences.Of(Sequences.Bytes(raw)), limits);

    /// <summary>A refusal message is sent to the client and logged: a short capitalised sentence.</summary>
    public static void AssertHelpfulMessage(Exception error)
    {
        var message = error.Message;
        Assert.IsFalse(string.IsNullOrWhiteSpace(message), "The refusal needs a message.");
        Assert.IsGreaterThanOrEqualTo(10, message.Length, message);
        Assert.IsTrue(char.IsUpper(message[0]), message);
        Assert.IsTrue(message.EndsWith('.'), message);
        Assert.AreEqual(message.Trim(), message, "No stray whitespace: " + message);
    }

    /// <summary>
    /// Feeds <paramref name="raw"/> through a pipe <paramref name="bytesPerRead"/> bytes per read, the way a
    /// connection does: parse while whole requests are there, keep the rest, and wait for more having examined
    /// everything. Returns the requests and how many bytes the parser allocated on the way.
    /// </summary>
    public static async Task<(List<HttpRequest> Requests, long AllocatedBytes)> TrickleThroughPipeAsync(byte[] raw, int bytesPerRead = 1, ChatServerLimits? limits = null)
    {
        // Segments as large as a connection's reads; the writer never waits for this same reader.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, minimumSegmentSize: 4096, useSynchronizationContext: false));
        var parser = new ConnectionParser(limits);
        var requests = new List<HttpRequest>();
        long allocated = 0;
        var left = 0L;
        for (var sent = 0; sent < raw.Length; sent += bytesPerRead)
        {
            pipe.Writer.Write(raw.AsSpan(sent, Math.Min(bytesPerRead, raw.Length - sent)));
            await pipe.Writer.FlushAsync();
            var result = await pipe.Reader.ReadAsync();
            var buffer = result.Buffer;
            while (true)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var parsed = parser.TryParse(buffer, out var request, out var consumed);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                if (!parsed)
                {
                    Assert.AreEqual(buffer.Start, consumed);
                    break;
                }

                requests.Add(request!);
                buffer = buffer.Slice(consumed);
            }

            left = buffer.Length;
            pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
        }

        Assert.AreEqual(0, left, "Every byte of whole requests must be consumed.");
        return (requests, allocated);
    }

    /// <summary>Asserts two parsed requests carry exactly the same information.</summary>
    public static void AssertSame(HttpRequest expected, HttpRequest actual, string? because = null)
    {
        Assert.AreEqual(expected.Method, actual.Method, because);
        Assert.AreEqual(expected.Path, actual.Path, because);
        Assert.AreEqual(expected.Query, actual.Query, because);
        Assert.AreEqual(expected.Version, actual.Version, because);
        Assert.AreEqual(expected.KeepAlive, actual.KeepAlive, because);
        Assert.AreEqual(expected.IsHead, actual.IsHead, because);
        Assert.AreEqual(expected.Host, actual.Host, because);
        CollectionAssert.AreEqual(expected.Headers.Fields.ToArray(), actual.Headers.Fields.ToArray(), because);
        CollectionAssert.AreEqual(expected.Body, actual.Body, because);
    }
}
