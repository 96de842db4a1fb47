using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Streams;

/// <summary>Lines said from any UI reach the readers of every transport, in one order.</summary>
[TestClass]
public sealed partial class SameItemsEverywhereTests
{
    [TestMethod]
    public async Task Lines_from_the_talk_form_a_socket_and_the_host_reach_the_frame_the_event_stream_and_the_socket_in_the_same_order()
    {
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.MessageFilters.Clear();
            o.Limits.MaxLinesPerAddress = 0;
        });
        var ann = await chat.LoginAsync("ann");
        await using var frame = await chat.OpenChatAsync(ann);
        var (events, _) = await ServerSentEvents.OpenAsync(chat, ann);
        await using var _ = events;
        using var bot = new ClientWebSocket();
        await bot.ConnectAsync(new Uri($"ws://{chat.Server.LocalEndPoint}{ChatRoutes.WebSocket}"), CancellationToken.None);
        await bot.SendAsync(Encoding.UTF8.GetBytes("""{"type":"login","version":1,"name":"bot"}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        var botTexts = ReadLinesAsync(bot, "end of test");
        await frame.ReadStreamUntilAsync("bot joined.");

        var said = new List<string>();
        var speaking = new List<Task>();
        for (var i = 0; i < 30; i++)
        {
            var text = $"n{i} <&> \"q\"";
            said.Add(text);
            speaking.Add((i % 3) switch
            {
                0 => chat.SayAsync(ann, text),
                1 => bot.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = "say", text })), WebSocketMessageType.Text, true, CancellationToken.None),
                _ => Task.Run(() => chat.Server.PostNotice(text)),
            });
        }

        // A socket's message is said once the server read it: wait until every line was, then end.
        await Task.WhenAll(speaking);
        await events.ReadStreamUntilAsync(t => ServerSentEvents.Parse(t).Count(e => e.Text?.StartsWith('n') == true) == 30, "every line");
        chat.Server.PostNotice("end of test");
        var frameText = await frame.ReadStreamUntilAsync("end of test");
        var sse = await ServerSentEvents.ReadUntilLineAsync(events, "end of test");

        var fromFrame = FrameLine().Matches(frameText).Select(m => System.Net.WebUtility.HtmlDecode(m.Value)).ToArray();
        var fromEvents = sse.Where(e => e.Name == "line").Select(e => e.Text!).Where(t => t.StartsWith('n')).ToArray();
        var fromSocket = (await botTexts).Where(t => t.StartsWith('n')).ToArray();
        Assert.AreEqual(30, fromEvents.Length, string.Join(" | ", fromEvents));
        CollectionAssert.AreEquivalent(said, fromEvents);
        CollectionAssert.AreEqual(fromEvents, fromSocket, "the socket's order is the event stream's");
        CollectionAssert.AreEqual(fromEvents, fromFrame, "the frame's order is the event stream's");
    }

    private static async Task<List<string>> ReadLinesAsync(ClientWebSocket socket, string last)
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        var texts = new List<string>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var json = JsonDocument.Parse(message.ToArray()).RootElement;
            if (json.GetProperty("type").GetString() == "line")
            {
                var text = json.GetProperty("text").GetString()!;
                texts.Add(text);
                if (text == last)
                {
                    return texts;
                }
            }
        }
    }

    // The test's lines as the frame's HTML escapes them.
    [GeneratedRegex("""n[0-9]+ &lt;&amp;&gt; &quot;q&quot;""")]
    private static partial Regex FrameLine();
}
