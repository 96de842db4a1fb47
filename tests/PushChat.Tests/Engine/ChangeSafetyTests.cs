using System.Diagnostics.Metrics;
using PushChat.Filtering;
using PushChat.Localization;
using PushChat.Rendering;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class ChangeSafetyTests
{
    [TestMethod]
    public async Task A_line_whose_session_ended_while_its_filter_ran_is_not_posted()
    {
        var gate = new HoldingFilter();
        await using var chat = await ChatTestServer.StartAsync(o => o.MessageFilters.Add(gate));
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);

        var say = chat.SayAsync(alice, "hello after leaving");
        await gate.Entered.Task.WaitAsync(RawHttpClient.SafetyTimeout);
        chat.Server.Engine!.Sessions.Leave(chat.Server.Engine.Sessions.Find(alice)!, ChatLeaveReason.Left);
        gate.Release.SetResult();
        var response = await say;

        var history = chat.Server.Engine.State.Rooms.Default.LinesAfter(0).Select(l => l.Message.Text).ToArray();
        Assert.AreEqual(404, response.Status);
        CollectionAssert.DoesNotContain(history, "hello after leaving", string.Join(" | ", history));
    }

    [TestMethod]
    public async Task A_renderer_returning_null_for_a_line_does_not_lock_readers_out_of_the_room()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.PageRenderer = new NullLineRenderer());
        var alice = await chat.LoginAsync("alice");
        await using var aliceChat = await chat.OpenChatAsync(alice);
        Assert.AreEqual(303, (await chat.SayAsync(alice, "poison")).Status);

        var bob = await chat.LoginAsync("bob");
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");

        StringAssert.Contains(bobChat.StreamText, "alice: poison", "the line arrives through the fallback rendering");
    }

    [TestMethod]
    public async Task Readers_keep_getting_lines_after_a_change_failed_inside_the_state_lock()
    {
        using var listener = new MeterListener();
        var armed = 0;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "PushChat" && instrument.Name == "pushchat.lines_posted")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) =>
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                throw new InvalidOperationException("exporter bug");
            }
        });
        listener.Start();
        await using var chat = await ChatTestServer.StartAsync();
        var (alice, bob) = (await chat.LoginAsync("alice"), await chat.LoginAsync("bob"));
        await using var aliceChat = await chat.OpenChatAsync(alice);
        await using var bobChat = await chat.OpenChatAsync(bob, "bob joined.");

        Volatile.Write(ref armed, 1);
        try
        {
            chat.Server.PostNotice("first");
        }
        catch (InvalidOperationException)
        {
        }

        chat.Server.PostNotice("second");

        StringAssert.Contains(await bobChat.ReadStreamUntilAsync("second"), "first");
    }

    private sealed class HoldingFilter : IMessageFilter
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
            return MessageFilterResult.Allow();
        }
    }

    private sealed class NullLineRenderer : DefaultPageRenderer
    {
        public override string RenderLine(ChatMessage message, ChatLanguage language) => message.Text == "poison" ? null! : base.RenderLine(message, language);
    }
}
