using System.Collections.Concurrent;
using System.Net;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Transport;
using PushChat.Internal.WebSockets;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.WebSockets;

/// <summary>
/// The engine's listener with a handler that upgrades every acceptable request to a
/// <see cref="WebSocketConnection"/> echoing each text message back; time is a fake clock.
/// </summary>
internal sealed class WebSocketTestServer : IAsyncDisposable
{
    private readonly ChatMetrics _metrics = new(null);
    private readonly OutboundThreads _outbound = new("test", writerCount: 1);
    private readonly SocketListener _listener;
    private readonly UpgradingHandler _handler;

    private WebSocketTestServer(WebSocketLimits limits, LogRecorder log)
    {
        Log = log;
        _handler = new UpgradingHandler(this, limits);
        var context = new ServiceContext(new ChatServerLimits(), Time, log, _metrics, _handler, _outbound, CancellationToken.None);
        _listener = new SocketListener(new IPEndPoint(IPAddress.Loopback, 0), context);
    }

    public FakeTimeProvider Time { get; } = new();

    public LogRecorder Log { get; }

    public IPEndPoint EndPoint => _listener.LocalEndPoint;

    /// <summary>The server's end of every WebSocket opened so far, in order.</summary>
    public ConcurrentQueue<EchoHandler> Sockets { get; } = new();

    public static WebSocketTestServer Start(WebSocketLimits? limits = null)
    {
        var server = new WebSocketTestServer(limits ?? WebSocketLimits.Default, new LogRecorder());
        server._listener.Start();
        return server;
    }

    /// <summary>A client that completed the opening handshake.</summary>
    public async Task<WebSocketTestClient> ConnectAsync()
    {
        var client = await WebSocketTestClient.ConnectAsync(EndPoint);
        var response = await client.HandshakeAsync();
        Assert.AreEqual(101, response.Status, response.StatusLine);
        return client;
    }

    /// <summary>The server's end of the only socket opened so far.</summary>
    public EchoHandler Single()
    {
        Assert.AreEqual(1, Sockets.Count);
        Sockets.TryPeek(out var socket);
        return socket!;
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync();
        _listener.Dispose();
        _outbound.Dispose();
        _metrics.Dispose();
        Assert.IsFalse(Log.Entries.Any(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error), "nothing failed: " + string.Join("; ", Log.Entries.Select(e => e.Message)));
    }

    private sealed class UpgradingHandler(WebSocketTestServer server, WebSocketLimits limits) : IHttpHandler
    {
        public ValueTask HandleAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken)
        {
            if (WebSocketUpgrade.Refusal(request) is { } refusal)
            {
                connection.Send(refusal, request);
                return ValueTask.CompletedTask;
            }

            var echo = new EchoHandler();
            echo.Socket = new WebSocketConnection(echo, server.Time, server.Log, limits);
            server.Sockets.Enqueue(echo);
            WebSocketUpgrade.Accept(request, connection, echo.Socket);
            return ValueTask.CompletedTask;
        }

        public HttpResponse CreateErrorResponse(int statusCode, string message) => new(statusCode);
    }
}
