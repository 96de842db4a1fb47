using System.Text.Json;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Interop;

/// <summary><c>curl -N</c> reading the event stream, as README shows it, while a classic user chats in the same room.</summary>
[TestClass]
[TestCategory("Interop")]
public sealed class CurlInteropTests
{
    [TestMethod]
    public async Task Curl_reads_a_classic_users_line_as_an_event_with_its_cursor()
    {
        InteropPrograms.RequireCurl();
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var _ = annChat;
        var eve = await chat.LoginAsync("eve");

        await using var curl = ClientProcess.Start(InteropPrograms.CurlPath, Path.GetTempPath(), "-N", "-s", "-i", "-b", chat.Cookies.HeaderValue()!, $"http://{chat.EndPoint}{ChatRoutes.Events}?sid={eve}");
        var head = await curl.ReadUntilAsync("the stream's first event", line => line.StartsWith("event:", StringComparison.Ordinal));
        StringAssert.StartsWith(head[0], "HTTP/1.1 200", curl.Transcript);
        Assert.IsTrue(head.Any(h => h.StartsWith("Content-Type: text/event-stream", StringComparison.OrdinalIgnoreCase)), curl.Transcript);
        Assert.IsTrue(head.Any(h => h.TrimEnd('\r') == "retry: 2000"), curl.Transcript);

        Assert.AreEqual(303, (await chat.SayAsync(ann, "hello \"curl\" <reader>")).Status);

        var lines = await curl.ReadUntilAsync("ann's line", line => line.StartsWith("data:", StringComparison.Ordinal) && line.Contains("\"from\":\"ann\"", StringComparison.Ordinal));
        var data = JsonDocument.Parse(lines[^1]["data:".Length..]).RootElement;
        Assert.AreEqual("line", data.GetProperty("type").GetString());
        Assert.AreEqual("hello \"curl\" <reader>", data.GetProperty("text").GetString());
        Assert.AreEqual("event: line", lines.Last(l => l.StartsWith("event:", StringComparison.Ordinal)).TrimEnd('\r'), curl.Transcript);
        var id = (await curl.ReadUntilAsync("the event's id", line => line.StartsWith("id:", StringComparison.Ordinal)))[^1];
        StringAssert.Matches(id, new System.Text.RegularExpressions.Regex(@"^id: ?\d+:\d+,\d+:\d+\r?$"), "the cursor: room position, mailbox position");
    }
}
