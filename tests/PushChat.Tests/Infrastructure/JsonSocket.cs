using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PushChat.Tests.Infrastructure;

/// <summary>A client of the chat's WebSocket JSON protocol, as a bot speaks it: connect, send a message, read until one matches.</summary>
internal static class JsonSocket
{
    public static async Task<ClientWebSocket> ConnectAsync(ChatTestServer chat)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{chat.Server.LocalEndPoint}{ChatRoutes.WebSocket}"), CancellationToken.None);
        return socket;
    }

    public static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Receives messages until one matches; every message before it is read and passed over; a close before it throws.</summary>
    public static async Task<JsonElement> ReceiveUntilAsync(ClientWebSocket socket, Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
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

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new EndOfStreamException($"The server closed with {socket.CloseStatus}: {socket.CloseStatusDescription}");
            }

            var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            if (match(json))
            {
                return json;
            }
        }
    }
}
