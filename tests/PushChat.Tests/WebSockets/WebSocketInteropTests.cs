using System.Net.WebSockets;
using System.Text;
using PushChat.Internal.WebSockets;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.WebSockets;

/// <summary>The server's WebSocket against a client nobody here wrote: .NET's <see cref="ClientWebSocket"/>.</summary>
[TestClass]
public sealed class WebSocketInteropTests
{
    [TestMethod]
    public async Task ClientWebSocket_gets_its_text_echoed()
    {
        await using var server = WebSocketTestServer.Start();
        using var client = await ConnectAsync(server);

        await client.SendAsync(Encoding.UTF8.GetBytes("hello κόσμε 😀"), WebSocketMessageType.Text, endOfMessage: true, Timeout());

        Assert.AreEqual("hello κόσμε 😀", await ReceiveTextAsync(client));
    }

    [TestMethod]
    public async Task ClientWebSocket_sending_one_message_in_fragments_gets_it_whole()
    {
        await using var server = WebSocketTestServer.Start();
        using var client = await ConnectAsync(server);
        var euro = Encoding.UTF8.GetBytes("€");

        await client.SendAsync(Encoding.UTF8.GetBytes("one ").Concat(euro[..1]).ToArray(), WebSocketMessageType.Text, endOfMessage: false, Timeout());
        await client.SendAsync(euro[1..], WebSocketMessageType.Text, endOfMessage: false, Timeout());
        await client.SendAsync(Encoding.UTF8.GetBytes(" message"), WebSocketMessageType.Text, endOfMessage: true, Timeout());

        Assert.AreEqual("one € message", await ReceiveTextAsync(client));
        Assert.AreEqual("one € message", string.Join("|", server.Single().Texts));
    }

    [TestMethod]
    public async Task ClientWebSocket_gets_a_message_of_the_limit_echoed()
    {
        await using var server = WebSocketTestServer.Start();
        using var client = await ConnectAsync(server);
        var text = new string('w', 64 * 1024);

        await client.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, Timeout());

        Assert.AreEqual(text, await ReceiveTextAsync(client));
    }

    [TestMethod]
    public async Task ClientWebSocket_closing_gets_its_close_answered()
    {
        await using var server = WebSocketTestServer.Start();
        using var client = await ConnectAsync(server);

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", Timeout());

        Assert.AreEqual(WebSocketState.Closed, client.State);
        Assert.AreEqual(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        client.Dispose();
        await server.Single().Closed.WaitAsync(RawHttpClient.SafetyTimeout);
        Assert.AreEqual(1, server.Single().ClosedCount);
    }

    [TestMethod]
    public async Task ClientWebSocket_sees_the_servers_close_with_its_code_and_reason()
    {
        await using var server = WebSocketTestServer.Start();
        using var client = await ConnectAsync(server);

        server.Single().Socket.Close(WebSocketCloseCode.GoingAway, "The server is stopping.");
        var result = await client.ReceiveAsync(new byte[256], Timeout());
        await client.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, null, Timeout());

        Assert.AreEqual(WebSocketMessageType.Close, result.MessageType);
        Assert.AreEqual(WebSocketCloseStatus.EndpointUnavailable, result.CloseStatus);
        Assert.AreEqual("The server is stopping.", result.CloseStatusDescription);
        client.Dispose();
        await server.Single().Closed.WaitAsync(RawHttpClient.SafetyTimeout);
    }

    [TestMethod]
    public async Task ClientWebSocket_sending_binary_is_closed_with_1003()
    {
        await using var server = WebSocketTestServer.Start();
        using var client = await ConnectAsync(server);

        await client.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, endOfMessage: true, Timeout());
        var result = await client.ReceiveAsync(new byte[256], Timeout());

        Assert.AreEqual(WebSocketCloseStatus.InvalidMessageType, result.CloseStatus);
    }

    [TestMethod]
    public async Task ClientWebSocket_takes_the_servers_ping_in_its_stride()
    {
        await using var server = WebSocketTestServer.Start();
        using var client = await ConnectAsync(server);
        var receiving = ReceiveTextAsync(client);

        server.Time.Advance(TimeSpan.FromSeconds(30));
        await client.SendAsync(Encoding.UTF8.GetBytes("after the ping"), WebSocketMessageType.Text, endOfMessage: true, Timeout());

        // The ping went out before the echo: a ping the client could not read would fail this receive.
        Assert.AreEqual("after the ping", await receiving);
    }

    [TestMethod]
    public async Task ClientWebSocket_from_another_origin_is_refused()
    {
        await using var server = WebSocketTestServer.Start();
        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("Origin", "http://evil.example");

        var error = await Assert.ThrowsExactlyAsync<WebSocketException>(() => client.ConnectAsync(Address(server), Timeout()));

        StringAssert.Contains(error.Message, "403");
        Assert.IsEmpty(server.Sockets);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(RawHttpClient.SafetyTimeout).Token;

    private static Uri Address(WebSocketTestServer server) => new($"ws://127.0.0.1:{server.EndPoint.Port}/ws");

    private static async Task<ClientWebSocket> ConnectAsync(WebSocketTestServer server)
    {
        var client = new ClientWebSocket();
        await client.ConnectAsync(Address(server), Timeout());
        return client;
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket client)
    {
        var buffer = new byte[128 * 1024];
        var length = 0;
        while (true)
        {
            var result = await client.ReceiveAsync(buffer.AsMemory(length), Timeout());
            Assert.AreEqual(WebSocketMessageType.Text, result.MessageType);
            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }
}
