using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class OpenLeaveRaceTests
{
    [TestMethod]
    public async Task A_leave_arriving_while_the_first_stream_opens_waits_for_the_join()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var engine = chat.Server.Engine!;
        var sid = await chat.LoginAsync("alice");
        var session = engine.Sessions.Find(sid)!;
        var events = new List<string>();
        var bothRaised = new CountdownEvent(2);
        chat.Server.UserJoined += (_, e) => { lock (events) { events.Add("joined"); } bothRaised.Signal(); };
        chat.Server.UserLeft += (_, e) => { lock (events) { events.Add("left"); } bothRaised.Signal(); };
        var leaver = new Thread(() => engine.Sessions.Leave(session, ChatLeaveReason.Left));
        var transport = new RacingTransport(onHead: () =>
        {
            // The leave starts while the stream is being opened and must wait for the open to finish.
            leaver.Start();
            while (leaver.IsAlive && (leaver.ThreadState & ThreadState.WaitSleepJoin) == 0)
            {
                Thread.Yield();
            }
        });

        var opened = engine.Streams.Open(session, transport, "<head>"u8.ToArray());
        Assert.IsTrue(leaver.Join(RawHttpClient.SafetyTimeout));
        Assert.IsTrue(bothRaised.Wait(RawHttpClient.SafetyTimeout));

        Assert.IsTrue(opened);
        var lines = engine.State.Rooms.Default.LinesAfter(0).Select(l => l.Message.Text).ToArray();
        CollectionAssert.AreEqual(new[] { "alice joined.", "alice left." }, lines);
        CollectionAssert.AreEqual(new[] { "joined", "left" }, events);
        Assert.AreEqual(0, engine.State.Rooms.Default.StreamCount, "the ended session's stream is not left attached");
        Assert.IsTrue(transport.Ended.Wait(RawHttpClient.SafetyTimeout), "the stream ends, after the leave's items on the fan-out thread");
    }

    [TestMethod]
    public async Task A_first_stream_has_joined_before_its_history_is_handed_to_the_transport()
    {
        await using var chat = await ChatTestServer.StartAsync();
        var engine = chat.Server.Engine!;
        chat.Server.PostNotice("history");
        var sid = await chat.LoginAsync("alice");
        var session = engine.Sessions.Find(sid)!;
        DateTimeOffset? joinedWhenReplayed = null;
        string[]? replayed = null;
        var transport = new RacingTransport(onHead: () => { }, onReplay: lines =>
        {
            // A writer may send the replay at once, and the reader may speak as soon as it sees it.
            joinedWhenReplayed = session.JoinedAt;
            replayed = lines.Select(l => System.Text.Encoding.UTF8.GetString(l.Span)).ToArray();
        });

        Assert.IsTrue(engine.Streams.Open(session, transport, "<head>"u8.ToArray()));

        Assert.IsNotNull(joinedWhenReplayed, "the session had joined when its replay was queued");
        Assert.IsTrue(replayed!.Last().Contains("alice joined.", StringComparison.Ordinal), "its own join notice comes last in the replay");
    }

    private sealed class RacingTransport(Action onHead, Action<ReadOnlyMemory<byte>[]>? onReplay = null) : IPushTransport
    {
        private bool _headWritten;

        public ManualResetEventSlim Ended { get; } = new();

        public bool WriteNow(ReadOnlyMemory<byte> body, bool bounded) => Write(body, batch: null, bounded);

        public bool Write(ReadOnlyMemory<byte> body, DrainBatch? batch, bool bounded)
        {
            if (!_headWritten)
            {
                _headWritten = true;
                onHead();
            }

            return true;
        }

        public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, WriteStarts starts)
        {
        }

        public void WriteReplay(ReadOnlyMemory<byte>[] lines) => onReplay?.Invoke(lines);

        public void EndStream(ReadOnlyMemory<byte> finalBody) => Ended.Set();

        public void SetClosedHandler(Action onClosed)
        {
        }
    }
}
