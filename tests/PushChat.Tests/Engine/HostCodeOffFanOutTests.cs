using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PushChat.Localization;
using PushChat.Rendering;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

/// <summary>Host code (loggers, metric listeners, a renderer) never runs on the fan-out thread, and what it does there costs no other reader a line.</summary>
[TestClass]
public sealed class HostCodeOffFanOutTests
{
    private const int SlowReaderDisconnected = 11;

    [TestMethod]
    public async Task A_metric_listener_that_throws_when_a_slow_reader_is_cut_off_costs_the_readers_after_it_no_line()
    {
        using var meters = new TestMeterFactory();
        await using var chat = await ChatTestServer.StartAsync(meterFactory: meters);
        var cutOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var drops = new SlowReaderDrops(meters, () =>
        {
            cutOff.TrySetResult();
            throw new InvalidOperationException("listener bug");
        });

        await FloodUntilCutOffAsync(chat, cutOff.Task);
    }

    [TestMethod]
    public async Task A_metric_listener_that_blocks_holds_no_delivery()
    {
        using var meters = new TestMeterFactory();
        await using var chat = await ChatTestServer.StartAsync(meterFactory: meters);
        var cutOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        using var drops = new SlowReaderDrops(meters, () =>
        {
            cutOff.TrySetResult();
            release.Wait(RawHttpClient.SafetyTimeout);
        });

        try
        {
            await FloodUntilCutOffAsync(chat, cutOff.Task);
        }
        finally
        {
            release.Set();
        }
    }

    [TestMethod]
    public async Task A_logger_that_blocks_holds_no_delivery()
    {
        using var logger = new HeldLogger(SlowReaderDisconnected);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logger));
        var time = new FakeTimeProvider();
        await using var server = new ChatServer(new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero }, factory, time);
        await server.StartAsync();
        var chat = ChatTestServer.Attach(server, time);

        try
        {
            await FloodUntilCutOffAsync(chat, logger.Held.Task);
        }
        finally
        {
            logger.Release();
        }
    }

    [TestMethod]
    public async Task A_pushed_line_is_rendered_once_by_the_thread_that_posts_it_not_on_the_fan_out_thread()
    {
        var renderer = new ThreadRecordingRenderer();
        await using var chat = await ChatTestServer.StartAsync(o => o.PageRenderer = renderer);
        var (_, ann) = await chat.EnterAsync("ann");
        var (_, ben) = await chat.EnterAsync("ben");
        await using var a = ann;
        await using var b = ben;

        var poster = Environment.CurrentManagedThreadId;
        chat.Server.PostNotice("rendered once");
        await a.ReadStreamUntilAsync("rendered once");
        await b.ReadStreamUntilAsync("rendered once");

        var renders = renderer.Renders.Where(r => r.Text == "rendered once").ToArray();
        Assert.HasCount(1, renders, "one rendering shared by both readers");
        Assert.AreEqual(poster, renders[0].ThreadId, "rendered by the host's call that posted it");
        Assert.IsFalse(renders[0].ThreadName?.StartsWith("PushChat fan-out", StringComparison.Ordinal) ?? false, renders[0].ThreadName);
    }

    /// <summary>
    /// A reader that never reads opens first, so it comes before the other reader in every fan-out;
    /// lines are posted until it is cut off (the host code under test is then running), and a few
    /// more: the other reader gets every one of them.
    /// </summary>
    private static async Task FloodUntilCutOffAsync(ChatTestServer chat, Task hostCodeEntered)
    {
        var slowSid = await chat.LoginAsync("slow");
        await using var slow = await chat.OpenNonReadingChatAsync(slowSid);
        var (_, fast) = await chat.EnterAsync("fast");
        await using var f = fast;

        var text = new string('x', 4000);
        var lines = 0;
        while (!hostCodeEntered.IsCompleted && lines < 2000)
        {
            chat.Server.PostNotice($"line {++lines} {text}");
            await f.ReadStreamUntilAsync($"line {lines} ");
            f.ClearStreamText();
        }

        Assert.IsTrue(hostCodeEntered.IsCompleted, "the slow reader was never cut off");
        for (var i = 0; i < 3; i++)
        {
            chat.Server.PostNotice($"after {i}");
            await f.ReadStreamUntilAsync($"after {i}");
        }
    }

    /// <summary>A logger that holds whoever logs the given event until released.</summary>
    private sealed class HeldLogger(int eventId) : ILoggerProvider, ILogger
    {
        private readonly ManualResetEventSlim _release = new();

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.Set();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (id.Id == eventId)
            {
                Held.TrySetResult();
                _release.Wait(RawHttpClient.SafetyTimeout);
            }
        }

        public void Dispose()
        {
            _release.Set();
        }
    }

    private sealed class ThreadRecordingRenderer : DefaultPageRenderer
    {
        public ConcurrentQueue<(string Text, int ThreadId, string? ThreadName)> Renders { get; } = new();

        public override string RenderLine(ChatMessage message, ChatLanguage language)
        {
            Renders.Enqueue((message.Text, Environment.CurrentManagedThreadId, Thread.CurrentThread.Name));
            return base.RenderLine(message, language);
        }
    }
}
