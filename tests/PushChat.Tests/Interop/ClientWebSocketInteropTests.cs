using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Interop;

/// <summary>.NET's own <see cref="ClientWebSocket"/> running README's bot beside a classic-frame user.</summary>
[TestClass]
[TestCategory("Interop")]
public sealed class ClientWebSocketInteropTests
{
    [TestMethod]
    public async Task The_readme_bot_answers_a_classic_user_and_leaves_when_told()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var _ = annChat;
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);

        var bot = RunBotAsync(new Uri($"ws://{chat.EndPoint}{ChatRoutes.WebSocket}"), timeout.Token);
        await WhileTheBotRunsAsync(bot, annChat.ReadStreamUntilAsync("hello, I answer ping"));
        Assert.AreEqual(303, (await chat.SayAsync(ann, "ping")).Status);
        await WhileTheBotRunsAsync(bot, annChat.ReadStreamUntilAsync("pong"));
        Assert.AreEqual(303, (await chat.SayAsync(ann, "bye")).Status);

        var closed = await bot;
        Assert.AreEqual(WebSocketCloseStatus.NormalClosure, closed, "leave closes with 1000");
    }

    /// <summary>Waits for a step of the classic user; a bot that ends first (refused, failed) fails the test with its own error.</summary>
    private static async Task WhileTheBotRunsAsync(Task<WebSocketCloseStatus?> bot, Task step)
    {
        if (await Task.WhenAny(bot, step) == bot)
        {
            Assert.Fail($"The bot ended early, closed with {await bot}.");
        }

        await step;
    }

    /// <summary>
    /// README's bot: logs in as a guest, greets the room, answers "ping" with "pong" and leaves on
    /// "bye". Kept in one method so that it can be shown as it is.
    /// </summary>
    private static async Task<WebSocketCloseStatus?> RunBotAsync(Uri server, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server, cancellationToken);
        Task SendAsync(object message) => socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        await SendAsync(new { type = "login", version = 1, name = "pingbot" });
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            var length = received.Count;
            while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close)
            {
                received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                length += received.Count;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return socket.CloseStatus;
            }

            var message = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement;
            var text = message.GetProperty("type").GetString() == "line" ? message.GetProperty("text").GetString() : null;
            if (message.GetProperty("type").GetString() == "welcome")
            {
                await SendAsync(new { type = "say", text = "hello, I answer ping" });
            }
            else if (text == "ping")
            {
                await SendAsync(new { type = "say", text = "pong" });
            }
            else if (text == "bye")
            {
                await SendAsync(new { type = "leave" });
            }
        }
    }
}
