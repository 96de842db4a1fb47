using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Transport;

[TestClass]
public sealed class ConnectionUpgradeTests
{
    [TestMethod]
    public async Task An_upgraded_connection_hands_every_later_byte_to_its_new_protocol()
    {
        var echo = new EchoProtocol();
        using var metrics = new ChatMetrics(null);
        using var outbound = new OutboundThreads("test", writerCount: 1);
        var context = new ServiceContext(new ChatServerLimits(), new FakeTimeProvider(), NullLogger.Instance, metrics, new UpgradingHandler(echo), outbound, CancellationToken.None);
        using var listener = new SocketListener(new IPEndPoint(IPAddress.Loopback, 0), context);
        listener.Start();
        await using var client = await RawHttpClient.ConnectAsync(listener.LocalEndPoint);

        // The first bytes of the new protocol may ride in the same packet as the request.
        await client.SendAsync("GET /echo HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\nhello ");
        var switching = await client.ReadResponseAsync();
        await client.SendAsync("GET / HTTP/1.1\r\n\r\n");
        var echoed = await client.ReadRawUntilAsync("GET / HTTP/1.1\r\n\r\n");
        await client.DisposeAsync();
        await echo.Closed.WaitAsync(RawHttpClient.SafetyTimeout);
        await listener.StopAsync();

        Assert.AreEqual(101, switching.Status);
        Assert.AreEqual("echo", switching.Headers["Upgrade"]);
        Assert.AreEqual("Upgrade", switching.Headers["Connection"]);
        Assert.AreEqual("hello GET / HTTP/1.1\r\n\r\n", echoed, "bytes that look like HTTP are the new protocol's too");
    }

    private sealed class UpgradingHandler(EchoProtocol echo) : IHttpHandler
    {
        public ValueTask HandleAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken)
        {
            // The protocol writes through the connection's own queue, with its bound and writer.
            echo.Output = connection.Upgrade(request, "echo", echo);
            return ValueTask.CompletedTask;
        }

        public HttpResponse CreateErrorResponse(int statusCode, string message) => new(statusCode);
    }

    private sealed class EchoProtocol : IUpgradedProtocol
    {
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IPushTransport? Output { get; set; }

        public Task Closed => _closed.Task;

        public SequencePosition OnReceived(in ReadOnlySequence<byte> buffer)
        {
            Output!.Write(buffer.ToArray(), batch: null, bounded: true);
            return buffer.End;
        }

        public void OnClosed() => _closed.TrySetResult();
    }
}
