using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using PushChat.Internal.WebSockets;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.WebSockets;

/// <summary>
/// Properties over generated traffic: valid frames decode to the same messages however the bytes
/// are split; whatever bytes come after an upgrade, the connection answers, closes with a code
/// from the RFC, or waits for more, and never fails.
/// </summary>
[TestClass]
public sealed class WebSocketPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly string[] Words = ["", "a", "hello", "κόσμε", "€", "😀", "中文", "\u0000", new string('x', 200), new string('é', 70000 / 4)];

    [TestMethod]
    public void Any_split_of_any_valid_frame_sequence_decodes_the_same_messages()
    {
        var message =
            from words in Gen.ListOf(Gen.Elements(Words))
            from cuts in Gen.ArrayOf(Gen.Choose(0, 1 << 20))
            from pings in Gen.ArrayOf(Gen.Choose(0, 6))
            select (Text: string.Concat(words), Cuts: cuts, Pings: pings);
        var samples =
            from messages in Gen.ListOf(message)
            from cuts in Gen.ArrayOf(Gen.Choose(0, 1 << 20))
            select (Messages: messages.ToArray(), Cuts: cuts);

        Check.One(Runs, Prop.ForAll(samples.ToArbitrary(), sample =>
        {
            var messages = sample.Messages.Where(m => Encoding.UTF8.GetByteCount(m.Text) <= WebSocketLimits.Default.MaxMessageBytes).ToArray();
            var wire = new List<byte>();
            var pings = 0;
            foreach (var (text, cuts, pingsAfter) in messages)
            {
                var fragments = Cut(Encoding.UTF8.GetBytes(text), cuts);
                for (var i = 0; i < fragments.Count; i++)
                {
                    wire.AddRange(Frames.Masked(i == 0 ? WebSocketOpcode.Text : WebSocketOpcode.Continuation, fragments[i], fin: i == fragments.Count - 1));

                    // Control frames may come between fragments (RFC 6455, section 5.4).
                    if (pingsAfter.Contains(i))
                    {
                        wire.AddRange(Frames.Masked(WebSocketOpcode.Ping, [(byte)pings++]));
                    }
                }
            }

            var (handler, transport) = Feed(Cut(wire.ToArray(), sample.Cuts));

            CollectionAssert.AreEqual(messages.Select(m => m.Text).ToArray(), handler.Texts);
            CollectionAssert.AreEqual(Enumerable.Range(0, pings).Select(i => (byte)i).ToArray(), transport.Frames().Where(f => f.Opcode == WebSocketOpcode.Pong).Select(f => f.Payload.Single()).ToArray());
            Assert.IsFalse(transport.Ended);
            return true;
        }));
    }

    [TestMethod]
    public void Random_bytes_end_in_a_close_with_an_rfc_code_or_a_wait_never_an_error()
    {
        Check.One(Runs, Prop.ForAll(Traffic().ToArbitrary(), sample =>
        {
            var (_, transport) = Feed(Cut(sample.Bytes, sample.Cuts));

            var codes = transport.CloseCodes();
            Assert.IsTrue(codes.Count <= 1, "one close frame at most");
            Assert.IsTrue(codes.All(IsRfcCode), string.Join(",", codes));
            Assert.AreEqual(0, transport.WritesAfterEnd);
            if (codes.Count == 1)
            {
                Assert.IsTrue(transport.Ended, "a close the server sends on an error is followed by the end");
                Assert.AreEqual(WebSocketOpcode.Close, transport.Frames()[^1].Opcode, "nothing after the close frame");
            }

            return true;
        }));
    }

    [TestMethod]
    public async Task Random_bytes_after_a_real_upgrade_end_in_a_close_with_an_rfc_code_or_the_end()
    {
        await using var server = WebSocketTestServer.Start();
        var samples = new List<(byte[] Bytes, int[] Cuts)>();
        Check.One(Config.Quick.WithMaxTest(40), Prop.ForAll(Traffic().ToArbitrary(), sample =>
        {
            samples.Add(sample);
            return true;
        }));

        foreach (var (bytes, _) in samples)
        {
            await using var client = await server.ConnectAsync();
            await client.SendAsync(bytes);
            client.ShutdownSend();

            var codes = new List<int>();
            while (await client.ReadFrameAsync() is { } frame)
            {
                Assert.IsTrue(codes.Count == 0, "nothing comes after the close frame");
                if (frame.Opcode == WebSocketOpcode.Close)
                {
                    codes.Add(frame.CloseCode);
                }
            }

            Assert.IsTrue(codes.All(IsRfcCode), string.Join(",", codes));
        }

        foreach (var socket in server.Sockets)
        {
            await socket.Closed.WaitAsync(RawHttpClient.SafetyTimeout);
            Assert.AreEqual(1, socket.ClosedCount);
        }
    }

    // The server's own codes, or the code of a client's valid close, which it answers with.
    private static bool IsRfcCode(int code) => WebSocketCloseCode.MayBeSent((ushort)code);

    // Random bytes, and pieces of valid and broken frames, in any order.
    private static Gen<(byte[] Bytes, int[] Cuts)> Traffic()
    {
        var piece = Gen.Frequency(
            (2, Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i))),
            (2, Gen.Elements(Words).Select(w => Frames.Text(w))),
            (1, Gen.Elements(Words).Select(w => Frames.Text(w, fin: false))),
            (1, Gen.Elements(Words).Select(w => Frames.Continuation(w))),
            (1, Gen.Choose(0, 15).Select(op => Frames.Masked((byte)op, [1, 2, 3]))),
            (1, Gen.Choose(0, 7).Select(rsv => Frames.Masked(WebSocketOpcode.Ping, [9], rsv: rsv))),
            (1, Gen.Choose(0, 5000).Select(code => Frames.Close(code, "r"))),
            (1, Gen.Constant(Frames.Masked(WebSocketOpcode.Text, [0xED, 0xA0, 0x80]))));
        return
            from pieces in Gen.ListOf(piece)
            from cuts in Gen.ArrayOf(Gen.Choose(0, 1 << 20))
            select (pieces.SelectMany(p => p).ToArray(), cuts);
    }

    private static List<byte[]> Cut(byte[] bytes, int[] cuts)
    {
        var at = cuts.Select(c => c % (bytes.Length + 1)).Append(0).Append(bytes.Length).Distinct().Order().ToArray();
        var pieces = new List<byte[]>();
        for (var i = 0; i + 1 < at.Length; i++)
        {
            pieces.Add(bytes[at[i]..at[i + 1]]);
        }

        return pieces.Count == 0 ? [bytes] : pieces;
    }

    private static (RecordingHandler Handler, RecordingTransport Transport) Feed(List<byte[]> pieces)
    {
        var handler = new RecordingHandler();
        var socket = new WebSocketConnection(handler, new FakeTimeProvider(), NullLogger.Instance);
        var transport = new RecordingTransport();
        socket.Attach(transport);
        var loop = new ReceiveLoop(socket);
        foreach (var piece in pieces)
        {
            loop.Receive(piece);
        }

        return (handler, transport);
    }
}
