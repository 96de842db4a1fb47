using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PushChat.LoadClient;
using PushChat.LoadClient.Ceiling;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.LoadClient;

/// <summary>
/// The raw ceiling's PushChat bytes: a template taken from a real server renders, for a text of
/// another length, exactly what PushChat writes for it, and the ceiling's readers read those
/// bytes with their PushChat transport's decoder and count every byte after the head.
/// </summary>
[TestClass]
public sealed class CeilingTemplateTests
{
    private const string ShortText = "@1.1.xxxx";

    [TestMethod]
    [DataRow("frame")]
    [DataRow("sse")]
    [DataRow("ws")]
    public async Task A_template_renders_what_PushChat_writes_for_a_line_of_another_length(string format)
    {
        // Two servers in the same state on the same clock: the line of each is the same but for its text.
        var longText = "@2.2." + new string('x', 700);
        var time = new FakeTimeProvider();
        static void LongLines(ChatServerOptions options) => options.Limits.MaxMessageLength = 4096;
        await using var first = await ChatTestServer.StartAsync(LongLines, time, cookies: null);
        await using var second = await ChatTestServer.StartAsync(LongLines, time, cookies: null);
        var template = await Task.Run(() => TemplateCapture.Capture(first.EndPoint, format, "r128", ShortText));
        var expected = await Task.Run(() => TemplateCapture.CaptureItem(second.EndPoint, format, "r128", longText));

        var rendered = template.Render(Encoding.UTF8.GetBytes(longText));

        // The logs' epochs are drawn at random per server, 15 or 16 digits: digits aside, the items are PushChat's.
        Assert.AreEqual(WithoutDigits(Payload(format, expected)), WithoutDigits(Payload(format, rendered)));
        Assert.AreEqual(expected.Length - Payload(format, expected).Length, rendered.Length - Payload(format, rendered).Length, "as much framing");
        Assert.AreEqual(0, template.Trailer.Length, "an event and the id its readers share go as one chunk");
    }

    [TestMethod]
    public void A_template_survives_its_command_line_form()
    {
        var template = new LineTemplate("sse", "before"u8.ToArray(), "after"u8.ToArray(), "3\r\nid:\r\n"u8.ToArray());

        var parsed = LineTemplate.Parse(template.ToString());

        CollectionAssert.AreEqual(template.Render("text"u8), parsed.Render("text"u8));
        Assert.AreEqual("sse", parsed.Format);
    }

    [TestMethod]
    [DataRow("frame")]
    [DataRow("sse")]
    [DataRow("ws")]
    public async Task A_ceiling_reader_decodes_the_template_lines_and_counts_their_bytes(string format)
    {
        await using var chat = await ChatTestServer.StartAsync();
        var template = await Task.Run(() => TemplateCapture.Capture(chat.EndPoint, format, "r128", ShortText));
        var lines = new[] { template.Render("@0.7."u8), template.Render("@5.1234.xxxxxxxx"u8), template.Render("@6.1235.xxxxxxxx"u8) };
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var request = new byte[64];
            var length = await socket.ReceiveAsync(request, SocketFlags.None);
            Assert.AreEqual($"SUB {format}\n", Encoding.ASCII.GetString(request, 0, length));
            await socket.SendAsync(CeilingFormats.Head(format), SocketFlags.None);
            foreach (var line in lines)
            {
                await socket.SendAsync(line, SocketFlags.None);
            }

            // Held open until the reader is done: a closed stream is not what is tested.
            await socket.ReceiveAsync(request, SocketFlags.None);
        });

        var protocol = ChatProtocol.For("raw-" + format);
        var run = new Run(ClientOptions.Parse(new[] { "--readers", "1", "--speakers", "1", "--sync-timeout", "10" }), protocol);
        using (var reader = new Reader(0, counted: false, slow: false, run))
        {
            reader.Subscribe((IPEndPoint)listener.LocalEndpoint);
            var buffer = new byte[64 * 1024];
            var watch = Stopwatch.StartNew();
            while (reader.Received < 2)
            {
                Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(10), $"only {reader.Received} lines arrived");
                var read = reader.Connection.Socket.Receive(buffer);
                Assert.AreNotEqual(0, read, "the ceiling closed the stream");
                reader.Feed(buffer.AsSpan(0, read), Stopwatch.GetTimestamp());
            }

            Assert.AreEqual(7L, reader.SyncId);
            Assert.AreEqual("raw-" + format, protocol.Name);
            Assert.AreEqual((long)lines.Sum(l => l.Length), reader.ReceivedBytes, "every byte after the head, framing included");
        }

        await serving;
    }

    /// <summary>
    /// The item's payload: its frame's, or its chunks' data, each chunk's size line checked to be
    /// the data's length in lowercase hex, as PushChat writes it; the framing must span the item.
    /// </summary>
    private static byte[] Payload(string format, byte[] item)
    {
        if (format == "ws")
        {
            Assert.IsTrue(PushChat.LoadClient.Streams.WebSocketFrameHeader.TryRead(item, out var header));
            Assert.AreEqual(item.Length, header.Length + (int)header.PayloadLength, "the frame's length says how long the item is");
            return item.AsSpan(header.Length).ToArray();
        }

        var payload = new List<byte>();
        var at = 0;
        while (at < item.Length)
        {
            var size = LineTemplate.ReadChunkHeader(item.AsSpan(at), out var start);
            Assert.AreEqual(size.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n", Encoding.ASCII.GetString(item, at, start));
            payload.AddRange(item.AsSpan(at + start, size).ToArray());
            Assert.AreEqual("\r\n", Encoding.ASCII.GetString(item, at + start + size, 2));
            at += start + size + 2;
        }

        Assert.AreEqual(item.Length, at, "the chunks span the item");
        return payload.ToArray();
    }

    /// <summary>The bytes with every decimal digit left out, as text.</summary>
    private static string WithoutDigits(byte[] bytes) => Encoding.Latin1.GetString(bytes.Where(b => b is < (byte)'0' or > (byte)'9').ToArray());
}
