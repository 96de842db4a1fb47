using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PushChat.Localization;
using PushChat.Rendering;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

/// <summary>
/// Every piece of host code (loggers, metric listeners, event handlers, a renderer) is watched
/// through a chat's whole life, a slow reader's cut-off and the stop included: none of it runs on
/// the server's fan-out or writer threads.
/// </summary>
[TestClass]
public sealed class HostCodeThreadAuditTests
{
    [TestMethod]
    public async Task No_host_code_runs_on_a_fan_out_or_writer_thread()
    {
        var calls = new ConcurrentQueue<(string What, string? Thread)>();
        void Record(string what) => calls.Enqueue((what, System.Threading.Thread.CurrentThread.Name));

        using var meters = new TestMeterFactory();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Meters.Contains(instrument.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => Record("metric " + instrument.Name));
        listener.SetMeasurementEventCallback<int>((instrument, _, _, _) => Record("metric " + instrument.Name));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => Record("metric " + instrument.Name));
        listener.Start();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new RecordingLogger(Record)));
        var time = new FakeTimeProvider();
        var server = new ChatServer(
            new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero, PageRenderer = new RecordingRenderer(Record) },
            factory,
            time,
            meterFactory: meters);
        server.UserJoined += (_, _) => Record("event UserJoined");
        server.UserLeft += (_, _) => Record("event UserLeft");
        server.MessagePosted += (_, _) => Record("event MessagePosted");
        server.LineDeleted += (_, _) => Record("event LineDeleted");
        server.UserMoved += (_, _) => Record("event UserMoved");
        server.RoomCreated += (_, _) => Record("event RoomCreated");
        server.RoomClosed += (_, _) => Record("event RoomClosed");
        server.TopicChanged += (_, _) => Record("event TopicChanged");
        server.ModerationPerformed += (_, _) => Record("event ModerationPerformed");
        await server.StartAsync();
        var chat = ChatTestServer.Attach(server, time);
        var workers = server.WorkerThreads.Select(t => t.Name).ToHashSet();
        try
        {
            var slowSid = await chat.LoginAsync("slow");
            await using var slow = await chat.OpenNonReadingChatAsync(slowSid);
            var (annSid, ann) = await chat.EnterAsync("ann");
            await using var a = ann;
            var (_, ben) = await chat.EnterAsync("ben");
            await using var b = ben;

            Assert.AreEqual(303, (await chat.SayAsync(annSid, "hello")).Status);
            Assert.AreEqual(303, (await chat.SayAsync(annSid, "/msg ben psst")).Status);
            await b.ReadStreamUntilAsync("psst");
            var said = server.PostNotice("to be deleted");
            Assert.IsTrue(server.DeleteLine(said.Room, said.Sequence));
            server.SetTopic(said.Room, "a topic");
            server.CreateRoom("Side");
            Assert.IsTrue(server.MoveUser("ben", "Side"));
            await b.ReadStreamUntilAsync("Side");

            // Lines until the reader that never reads is cut off, which logs and counts on the way.
            var text = new string('x', 4000);
            for (var i = 0; i < 2000 && !calls.Any(c => c.What == "metric pushchat.slow_readers_dropped"); i++)
            {
                server.PostNotice($"line {i} {text}");
                await a.ReadStreamUntilAsync($"line {i} ");
                a.ClearStreamText();
            }

            Assert.IsTrue(server.Kick("ann"));
            Assert.IsTrue(await a.ReadToEndAsync());
            time.Advance(TimeSpan.FromMinutes(5));
        }
        finally
        {
            await server.DisposeAsync();
        }

        var kinds = calls.Select(c => c.What.Split(' ')[0]).ToHashSet();
        CollectionAssert.IsSubsetOf(new[] { "log", "metric", "event", "render" }, kinds.ToArray(), "every kind of host code ran");
        Assert.IsTrue(calls.Any(c => c.What == "metric pushchat.slow_readers_dropped"), "the slow reader was cut off");
        var onWorkers = calls.Where(c => c.Thread is not null && (workers.Contains(c.Thread) || c.Thread.StartsWith("PushChat fan-out", StringComparison.Ordinal) || c.Thread.StartsWith("PushChat writer", StringComparison.Ordinal))).ToArray();
        Assert.IsEmpty(onWorkers, string.Join("\n", onWorkers.Select(c => $"{c.What} on {c.Thread}")));
    }

    private sealed class RecordingLogger(Action<string> record) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel)
        {
            record("log IsEnabled");
            return true;
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            record($"log {eventId.Id}");

        public void Dispose()
        {
        }
    }

    private sealed class RecordingRenderer(Action<string> record) : DefaultPageRenderer
    {
        public override string RenderLine(ChatMessage message, ChatLanguage language)
        {
            record("render line");
            return base.RenderLine(message, language);
        }

        public override string RenderLineDeleted(ChatMessage message)
        {
            record("render deletion");
            return base.RenderLineDeleted(message);
        }

        public override string RenderHiddenLineStyle(string room, long sequence)
        {
            record("render hidden");
            return base.RenderHiddenLineStyle(room, sequence);
        }

        public override string RenderChatStart(SessionPage page)
        {
            record("render start");
            return base.RenderChatStart(page);
        }

        public override string RenderChatEnd()
        {
            record("render end");
            return base.RenderChatEnd();
        }
    }
}
