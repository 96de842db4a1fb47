using System.Text.Json;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Interop;

/// <summary>
/// The npm <c>ws</c> and <c>eventsource</c> clients under Debian's node, each chatting with a user
/// of the classic frames in the same room: written against PROTOCOL.md by people who never saw
/// the server's code.
/// </summary>
[TestClass]
[TestCategory("Interop")]
public sealed class NodeInteropTests
{
    [TestMethod]
    public async Task A_ws_bot_logs_in_with_its_first_message_and_chats_with_a_classic_user()
    {
        InteropPrograms.RequireNode();
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var _ = annChat;

        await using var bot = InteropPrograms.StartNode("ws-bot.mjs", $"ws://{chat.EndPoint}{ChatRoutes.WebSocket}", "nodebot", "hello from node", "hello from ann");
        var welcome = Message(await bot.ReadUntilAsync("the welcome", line => Message(line)?.GetProperty("type").GetString() == "welcome"));
        Assert.AreEqual("nodebot", welcome!.Value.GetProperty("user").GetString(), bot.Transcript);

        await annChat.ReadStreamUntilAsync("hello from node");
        Assert.AreEqual(303, (await chat.SayAsync(ann, "hello from ann")).Status);

        var read = await bot.ReadUntilAsync("ann's line", line => Message(line) is { } m && m.GetProperty("type").GetString() == "line" && m.GetProperty("text").GetString() == "hello from ann");
        var line = Message(read)!.Value;
        Assert.AreEqual("ann", line.GetProperty("from").GetString());
        Assert.AreEqual("public", line.GetProperty("kind").GetString());
        Assert.AreEqual("room", line.GetProperty("log").GetString());
        var close = await bot.ReadUntilAsync("the close after leave", l => l.Contains("\"event\":\"close\"", StringComparison.Ordinal));
        Assert.AreEqual(1000, JsonDocument.Parse(close[^1]).RootElement.GetProperty("code").GetInt32(), bot.Transcript);
        Assert.AreEqual(0, await bot.WaitForExitAsync(), bot.Transcript);
    }

    [TestMethod]
    public async Task An_eventsource_reader_with_the_session_cookie_resumes_a_dropped_stream_without_losing_or_repeating_a_line()
    {
        InteropPrograms.RequireNode();
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var _ = annChat;
        var eve = await chat.LoginAsync("eve");
        await using var relay = new HoldingRelay(chat.EndPoint);

        await using var reader = InteropPrograms.StartNode("eventsource-reader.mjs", $"http://{relay.EndPoint}{ChatRoutes.Events}?sid={eve}", chat.Cookies.HeaderValue()!, "four");
        await reader.ReadUntilAsync("the stream's opening", line => line.Contains("\"event\":\"open\"", StringComparison.Ordinal));
        await SayAsync(chat, ann, "one");
        await reader.ReadUntilAsync("the line 'one'", line => TextOf(line) == "one");

        // The server drops every connection; what is said until the client is let back in, it must get on resuming.
        relay.HoldNewConnections();
        chat.Server.Connections!.AbortAll();
        await reader.ReadUntilAsync("the client noticing the drop", line => line.Contains("\"event\":\"error\"", StringComparison.Ordinal));
        await SayAsync(chat, ann, "two");
        await SayAsync(chat, ann, "three");
        relay.Release();
        await reader.ReadUntilAsync("the stream's opening again", line => line.Contains("\"event\":\"open\"", StringComparison.Ordinal));
        await SayAsync(chat, ann, "four");
        await reader.WaitForExitAsync();

        var annsLines = reader.Transcript.Split('\n')
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "line" && e.GetProperty("item").GetProperty("from").GetString() == "ann")
            .Select(e => e.GetProperty("item").GetProperty("text").GetString())
            .ToArray();
        CollectionAssert.AreEqual(new[] { "one", "two", "three", "four" }, annsLines, reader.Transcript);
        Assert.AreEqual(2, relay.Relayed, "one connection, then one resume");
    }

    private static async Task SayAsync(ChatTestServer chat, string sid, string text) =>
        Assert.AreEqual(303, (await chat.SayAsync(sid, text)).Status, $"saying '{text}'");

    /// <summary>The server's message a ws-bot.mjs report line carries, if it is one.</summary>
    private static JsonElement? Message(string line)
    {
        var report = JsonDocument.Parse(line).RootElement;
        return report.GetProperty("event").GetString() == "message" ? report.GetProperty("message") : null;
    }

    private static JsonElement? Message(List<string> lines) => Message(lines[^1]);

    /// <summary>The text of the line an eventsource-reader.mjs report line carries, if it is one.</summary>
    private static string? TextOf(string line)
    {
        var report = JsonDocument.Parse(line).RootElement;
        return report.GetProperty("event").GetString() == "line" ? report.GetProperty("item").GetProperty("text").GetString() : null;
    }
}
