using System.Collections.Concurrent;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

/// <summary>The host's event handlers wait in a bounded queue: a slow one loses the oldest events, counted and logged, and holds no line.</summary>
[TestClass]
public sealed class HostEventQueueTests
{
    private const int HostEventsDropped = 960;

    [TestMethod]
    public async Task A_handler_that_falls_behind_loses_the_oldest_events_and_the_drops_are_logged_with_their_count()
    {
        using var log = new LogRecorder();
        using var factory = log.CreateFactory();
        var options = new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero };
        options.Limits.MaxQueuedHostEvents = 4;
        await using var server = new ChatServer(options, factory, new FakeTimeProvider());
        var seen = new ConcurrentQueue<string>();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        server.MessagePosted += (_, e) =>
        {
            seen.Enqueue(e.Message.Text);
            if (e.Message.Text == "notice 10")
            {
                last.TrySetResult();
            }

            if (e.Message.Text == "held")
            {
                held.TrySetResult();
                release.Wait(RawHttpClient.SafetyTimeout);
            }
        };
        await server.StartAsync();

        server.PostNotice("held");
        await held.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        for (var i = 1; i <= 10; i++)
        {
            server.PostNotice($"notice {i}");
        }

        release.Set();

        // Before the stop, whose goodbye notices would push out more of the waiting events.
        await last.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        await server.StopAsync().WaitAsync(RawHttpClient.SafetyTimeout);

        CollectionAssert.AreEqual(
            new[] { "held", "notice 7", "notice 8", "notice 9", "notice 10" },
            seen.Where(t => t == "held" || t.StartsWith("notice", StringComparison.Ordinal)).ToArray(),
            "the four newest waited; the six before them were dropped");
        var dropped = log.Entries.Where(e => e.EventId == HostEventsDropped).ToArray();
        Assert.HasCount(1, dropped, string.Join("\n", log.Entries.Select(e => e.Message)));
        StringAssert.Contains(dropped[0].Message, "6");
    }

    [TestMethod]
    public async Task Drops_are_reported_at_most_once_every_ten_seconds_and_none_goes_uncounted()
    {
        using var log = new LogRecorder();
        using var factory = log.CreateFactory();
        var options = new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero };
        options.Limits.MaxQueuedHostEvents = 2;
        var time = new FakeTimeProvider();
        await using var server = new ChatServer(options, factory, time);
        var gates = new ConcurrentDictionary<string, ManualResetEventSlim>();
        var seen = new ConcurrentDictionary<string, TaskCompletionSource>();
        TaskCompletionSource Seen(string text) => seen.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        server.MessagePosted += (_, e) =>
        {
            Seen(e.Message.Text).TrySetResult();
            if (gates.TryGetValue(e.Message.Text, out var gate))
            {
                gate.Wait(RawHttpClient.SafetyTimeout);
            }
        };
        await server.StartAsync();

        // Three dropped while the handler is held, then two more in the same ten seconds.
        await HoldThenPostAsync("held 1", "first", 5);
        await HoldThenPostAsync("held 2", "second", 4);
        Assert.AreEqual("3", Reports().Single(), "the second drops wait for the interval");

        time.Advance(TimeSpan.FromSeconds(10));
        server.PostNotice("later");
        await Seen("later").Task.WaitAsync(RawHttpClient.SafetyTimeout);
        CollectionAssert.AreEqual(new[] { "3", "2" }, Reports());

        async Task HoldThenPostAsync(string held, string burst, int count)
        {
            using var gate = gates.GetOrAdd(held, _ => new ManualResetEventSlim());
            server.PostNotice(held);
            await Seen(held).Task.WaitAsync(RawHttpClient.SafetyTimeout);
            for (var i = 1; i <= count; i++)
            {
                server.PostNotice($"{burst} {i}");
            }

            gate.Set();
            await Seen($"{burst} {count}").Task.WaitAsync(RawHttpClient.SafetyTimeout);
        }

        string[] Reports() => log.Entries
            .Where(e => e.EventId == HostEventsDropped)
            .Select(e => System.Text.RegularExpressions.Regex.Match(e.Message, @"Dropped (\d+)").Groups[1].Value)
            .ToArray();
    }

    [TestMethod]
    public async Task A_handler_that_throws_and_one_that_blocks_delay_no_line_to_any_reader()
    {
        await using var chat = await ChatTestServer.StartAsync();
        using var gate = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Server.MessagePosted += (_, _) => throw new InvalidOperationException("host bug");
        chat.Server.MessagePosted += (_, _) =>
        {
            blocked.TrySetResult();
            gate.Wait(RawHttpClient.SafetyTimeout);
        };
        chat.Server.UserJoined += (_, _) => gate.Wait(RawHttpClient.SafetyTimeout);
        try
        {
            var (annSid, ann) = await chat.EnterAsync("ann");
            await using var a = ann;
            var (_, ben) = await chat.EnterAsync("ben");
            await using var b = ben;

            Assert.AreEqual(303, (await chat.SayAsync(annSid, "first")).Status);
            await blocked.Task.WaitAsync(RawHttpClient.SafetyTimeout);
            for (var i = 0; i < 3; i++)
            {
                Assert.AreEqual(303, (await chat.SayAsync(annSid, $"line {i}.")).Status);
            }

            await a.ReadStreamUntilAsync("line 2.");
            await b.ReadStreamUntilAsync("line 2.");
            Assert.IsFalse(gate.IsSet, "every line arrived while a handler was still blocked");
        }
        finally
        {
            gate.Set();
        }
    }
}
