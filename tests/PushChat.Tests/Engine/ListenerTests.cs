using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Http;
using PushChat.Internal.Infrastructure;
using PushChat.Internal.Transport;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class ListenerTests
{
    [TestMethod]
    public async Task A_failure_while_admitting_one_connection_does_not_stop_accepting()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var failed = 0;
        chat.Server.Connections!.Added += _ =>
        {
            if (Interlocked.Exchange(ref failed, 1) == 0)
            {
                throw new InvalidOperationException("admission bug");
            }
        };

        await using (var first = await chat.ConnectAsync())
        {
            await first.SendAsync(ChatTestServer.Get("/health"));
            await first.ReadToEndAsync();
        }

        var response = await chat.RequestAsync(ChatTestServer.Get("/health"));
        Assert.AreEqual(200, response.Status);
        Assert.IsTrue(chat.Server.IsRunning);
    }

    [TestMethod]
    public async Task Accepts_failing_for_want_of_file_descriptors_back_off_from_10_ms_to_1_s_and_start_over_after_a_success()
    {
        var time = new FakeTimeProvider();
        var timers = new TimerWatch(time);
        using var log = new LogRecorder();
        using var factory = log.CreateFactory();
        using var metrics = new ChatMetrics(null);
        using var outbound = new OutboundThreads("test", writerCount: 1);
        var context = new ServiceContext(new ChatServerLimits(), timers, factory.CreateLogger("test"), metrics, new NoHandler(), outbound, CancellationToken.None);
        var calls = 0;
        using var listener = new SocketListener(new IPEndPoint(IPAddress.Loopback, 0), context, socket => Interlocked.Increment(ref calls) == 11
            ? socket.AcceptAsync()
            : Task.FromException<Socket>(new SocketException((int)SocketError.TooManyOpenSockets)));
        listener.Start();

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var wait = await timers.NextAsync();
            Assert.AreEqual(i + 1, Volatile.Read(ref calls), "no accept while the listener waits");
            waits.Add(wait);
            time.Advance(wait);
        }

        // The eleventh accept takes a real connection; the twelfth fails again.
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint);
        var afterSuccess = await timers.NextAsync();
        await listener.StopAsync().WaitAsync(RawHttpClient.SafetyTimeout);
        context.Connections.AbortAll();

        CollectionAssert.AreEqual(
            new[] { 10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000 },
            waits.Select(w => (int)w.TotalMilliseconds).ToArray());
        Assert.AreEqual(TimeSpan.FromMilliseconds(10), afterSuccess, "a success starts the back-off over");
        Assert.AreEqual(12, Volatile.Read(ref calls), "the stop ended the wait without another accept");
        var warnings = log.Entries.Where(e => e.EventId == 14).ToArray();
        Assert.HasCount(1, warnings, "eleven failures within 10 s make one log line");
        StringAssert.Contains(warnings[0].Message, "TooManyOpenSockets");
        Assert.AreEqual(LogLevel.Warning, warnings[0].Level);
    }

    /// <summary>The clock of the server under test, telling the test the due time of every timer it starts.</summary>
    private sealed class TimerWatch(FakeTimeProvider time) : TimeProvider
    {
        private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

        public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

        public override long GetTimestamp() => time.GetTimestamp();

        public override long TimestampFrequency => time.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = time.CreateTimer(callback, state, dueTime, period);
            _started.Writer.TryWrite(dueTime);
            return timer;
        }

        public async Task<TimeSpan> NextAsync() => await _started.Reader.ReadAsync().AsTask().WaitAsync(RawHttpClient.SafetyTimeout);
    }

    private sealed class NoHandler : IHttpHandler
    {
        public ValueTask HandleAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public HttpResponse CreateErrorResponse(int statusCode, string message) => new(statusCode);
    }
}
