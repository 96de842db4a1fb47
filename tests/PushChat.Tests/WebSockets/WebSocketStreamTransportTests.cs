using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PushChat.Internal.Transport;
using PushChat.Internal.WebSockets;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.WebSockets;

/// <summary>The transport a push stream writes a WebSocket reader's shared, pre-framed items through.</summary>
[TestClass]
public sealed class WebSocketStreamTransportTests
{
    [TestMethod]
    public void Shared_frames_go_out_as_they_are_and_none_after_the_close_frame()
    {
        var (socket, transport) = Open();
        var line = new ReadOnlyMemory<byte>(WebSocketFrameWriter.TextFrame("{\"type\":\"line\"}"u8));

        socket.Transport.Deliver([line], new WriteStarts());
        socket.Close(WebSocketCloseCode.GoingAway, "stopping");
        socket.Transport.Deliver([line], new WriteStarts());
        socket.Transport.WriteReplay([line]);

        Assert.AreEqual("Text,Close", string.Join(",", transport.Frames().Select(f => f.Opcode)));
        Assert.AreEqual("{\"type\":\"line\"}", Encoding.UTF8.GetString(transport.Frames()[0].Payload));
    }

    [TestMethod]
    public void History_written_before_the_transport_is_attached_goes_out_on_attach_in_order()
    {
        var socket = new WebSocketConnection(new RecordingHandler(), new FakeTimeProvider(), NullLogger.Instance);
        var transport = new RecordingTransport();

        socket.Transport.WriteReplay([WebSocketFrameWriter.TextFrame("1"u8), WebSocketFrameWriter.TextFrame("2"u8)]);
        socket.SendText("3"u8);
        socket.Attach(transport);
        socket.Transport.Deliver([WebSocketFrameWriter.TextFrame("4"u8)], new WriteStarts());

        Assert.AreEqual("1234", string.Concat(transport.Frames().Select(f => Encoding.UTF8.GetString(f.Payload))));
    }

    [TestMethod]
    public void Ending_the_stream_sends_its_last_frame_then_closes_with_1000()
    {
        var (socket, transport) = Open();

        socket.Transport.EndStream(WebSocketFrameWriter.TextFrame("{\"type\":\"bye\"}"u8));

        Assert.AreEqual("Text,Close", string.Join(",", transport.Frames().Select(f => f.Opcode)));
        CollectionAssert.AreEqual(new[] { 1000 }, transport.CloseCodes());
        Assert.IsFalse(socket.IsOpen);
    }

    [TestMethod]
    public void The_streams_closed_handler_is_told_once_and_at_once_when_already_closed()
    {
        var (socket, _) = Open();
        var told = 0;
        socket.Transport.SetClosedHandler(() => told++);

        socket.OnClosed();
        socket.OnClosed();
        var late = 0;
        socket.Transport.SetClosedHandler(() => late++);

        Assert.AreEqual(1, told);
        Assert.AreEqual(1, late);
    }

    private static (WebSocketConnection Socket, RecordingTransport Transport) Open()
    {
        var socket = new WebSocketConnection(new RecordingHandler(), new FakeTimeProvider(), NullLogger.Instance);
        var transport = new RecordingTransport();
        socket.Attach(transport);
        return (socket, transport);
    }
}
