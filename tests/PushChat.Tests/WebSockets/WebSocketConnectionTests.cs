using Microsoft.Extensions.Logging.Abstractions;
using PushChat.Internal.WebSockets;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.WebSockets;

/// <summary>A <see cref="WebSocketConnection"/> on its own, over a recording transport: the order of attach, sends and ends.</summary>
[TestClass]
public sealed class WebSocketConnectionTests
{
    [TestMethod]
    public void A_message_received_before_the_transport_is_attached_is_handed_on_and_its_answer_sent_on_attach()
    {
        var handler = new RecordingHandler();
        var socket = new WebSocketConnection(handler, new FakeTimeProvider(), NullLogger.Instance);
        handler.OnEach = text => socket.SendText(System.Text.Encoding.UTF8.GetBytes("re: " + text));
        var transport = new RecordingTransport();

        new ReceiveLoop(socket).Receive(Frames.Text("early"));
        socket.Attach(transport);

        Assert.AreEqual("early", string.Join(",", handler.Texts));
        Assert.AreEqual("re: early", System.Text.Encoding.UTF8.GetString(transport.Frames().Single().Payload));
    }

    [TestMethod]
    public void A_close_before_the_transport_is_attached_goes_out_on_attach_and_ends_after_the_answer()
    {
        var socket = new WebSocketConnection(new RecordingHandler(), new FakeTimeProvider(), NullLogger.Instance);
        var transport = new RecordingTransport();

        socket.Close(WebSocketCloseCode.PolicyViolation, "no");
        socket.Attach(transport);
        Assert.IsFalse(transport.Ended, "waits for the client's answer");
        new ReceiveLoop(socket).Receive(Frames.Close(1008));

        CollectionAssert.AreEqual(new[] { 1008 }, transport.CloseCodes());
        Assert.IsTrue(transport.Ended);
    }

    [TestMethod]
    public void The_close_timeout_ends_the_transport_once_and_nothing_is_written_after_it()
    {
        var time = new FakeTimeProvider();
        var socket = new WebSocketConnection(new RecordingHandler(), time, NullLogger.Instance);
        var transport = new RecordingTransport();
        socket.Attach(transport);

        socket.Close(WebSocketCloseCode.GoingAway, "stopping");
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.IsFalse(transport.Ended);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.IsTrue(transport.Ended);
        socket.Close(WebSocketCloseCode.Normal, "again");
        Assert.IsFalse(socket.SendText("late"u8));
        new ReceiveLoop(socket).Receive([.. Frames.Masked(WebSocketOpcode.Ping, []), .. Frames.Close(1000)]);
        time.Advance(TimeSpan.FromMinutes(5));

        CollectionAssert.AreEqual(new[] { 1001 }, transport.CloseCodes());
        Assert.AreEqual(0, transport.WritesAfterEnd);
    }

    [TestMethod]
    public void A_handler_that_throws_closes_its_connection_with_1011()
    {
        var handler = new RecordingHandler { OnEach = _ => throw new InvalidOperationException("broken") };
        var socket = new WebSocketConnection(handler, new FakeTimeProvider(), NullLogger.Instance);
        var transport = new RecordingTransport();
        socket.Attach(transport);

        new ReceiveLoop(socket).Receive([.. Frames.Text("one"), .. Frames.Text("two")]);

        CollectionAssert.AreEqual(new[] { 1011 }, transport.CloseCodes());
        Assert.AreEqual("one", string.Join(",", handler.Texts), "nothing is handed on after the failure");
        Assert.IsTrue(transport.Ended);
    }

    [TestMethod]
    public void The_handler_is_told_of_the_end_once()
    {
        var handler = new RecordingHandler();
        var socket = new WebSocketConnection(handler, new FakeTimeProvider(), NullLogger.Instance);
        socket.Attach(new RecordingTransport());

        socket.OnClosed();
        socket.OnClosed();
        socket.Close(WebSocketCloseCode.GoingAway, "after");

        Assert.AreEqual(1, handler.ClosedCount);
        Assert.IsFalse(socket.IsOpen);
    }

    [TestMethod]
    public void Silence_brings_one_ping_then_the_close_and_no_timer_fires_after_the_end()
    {
        var time = new FakeTimeProvider();
        var socket = new WebSocketConnection(new RecordingHandler(), time, NullLogger.Instance, new WebSocketLimits { PingInterval = TimeSpan.FromSeconds(10), IdleTimeout = TimeSpan.FromSeconds(25) });
        var transport = new RecordingTransport();
        socket.Attach(transport);

        time.Advance(TimeSpan.FromSeconds(24));
        Assert.AreEqual("Ping", string.Join(",", transport.Frames().Select(f => f.Opcode)), "one ping per silence");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual("Ping,Close", string.Join(",", transport.Frames().Select(f => f.Opcode)));
        socket.OnClosed();
        time.Advance(TimeSpan.FromMinutes(10));

        Assert.AreEqual("Ping,Close", string.Join(",", transport.Frames().Select(f => f.Opcode)));
        Assert.AreEqual(0, transport.WritesAfterEnd);
    }

    [TestMethod]
    public void Pings_and_pongs_go_out_at_once_and_texts_and_the_close_in_order()
    {
        var time = new FakeTimeProvider();
        var socket = new WebSocketConnection(new RecordingHandler(), time, NullLogger.Instance, new WebSocketLimits { PingInterval = TimeSpan.FromSeconds(10), IdleTimeout = TimeSpan.FromSeconds(25) });
        var transport = new RecordingTransport();
        socket.Attach(transport);

        Assert.IsTrue(socket.SendText("{}"u8));
        new ReceiveLoop(socket).Receive(Frames.Masked(WebSocketOpcode.Ping, "p"u8.ToArray()));
        time.Advance(TimeSpan.FromSeconds(10));
        socket.Close(WebSocketCloseCode.Normal, string.Empty);

        Assert.AreEqual("Text,Pong,Ping,Close", string.Join(",", transport.Frames().Select(f => f.Opcode)));
        Assert.AreEqual(2, transport.WrittenNow, "the pong and the ping, not the text or the close");
    }

    [TestMethod]
    public void A_frame_cut_short_waits_for_its_rest_without_being_consumed()
    {
        var handler = new RecordingHandler();
        var socket = new WebSocketConnection(handler, new FakeTimeProvider(), NullLogger.Instance);
        socket.Attach(new RecordingTransport());
        var loop = new ReceiveLoop(socket);
        var frame = Frames.Text("split");

        loop.Receive(frame[..3]);
        Assert.IsEmpty(handler.Texts);
        loop.Receive(frame[3..]);

        Assert.AreEqual("split", string.Join(",", handler.Texts));
    }
}
