using System.Buffers;
using System.Buffers.Binary;
using PushChat.Internal.Push;
using PushChat.Internal.Transport;
using PushChat.Internal.WebSockets;

namespace PushChat.Tests.WebSockets;

/// <summary>A transport that keeps what a <see cref="WebSocketConnection"/> writes, to read it back as frames.</summary>
internal sealed class RecordingTransport : IPushTransport
{
    private readonly List<byte> _written = new();

    public bool Ended { get; private set; }

    /// <summary>Writes that came after the end, which must never happen.</summary>
    public int WritesAfterEnd { get; private set; }

    public bool Write(ReadOnlyMemory<byte> body, DrainBatch? batch, bool bounded)
    {
        if (Ended)
        {
            WritesAfterEnd++;
            return false;
        }

        _written.AddRange(body.ToArray());
        return true;
    }

    /// <summary>Control frames queued at once, ahead of waiting items (pings, pongs).</summary>
    public int WrittenNow { get; private set; }

    public bool WriteNow(ReadOnlyMemory<byte> body, bool bounded)
    {
        WrittenNow++;
        return Write(body, batch: null, bounded);
    }

    public void EndStream(ReadOnlyMemory<byte> finalBody) => Ended = true;

    public void WriteReplay(ReadOnlyMemory<byte>[] lines)
    {
        foreach (var line in lines)
        {
            Write(line, batch: null, bounded: true);
        }
    }

    public void Deliver(ReadOnlySpan<ReadOnlyMemory<byte>> lines, WriteStarts starts)
    {
        foreach (var line in lines)
        {
            Write(line, batch: null, bounded: true);
        }
    }

    public void SetClosedHandler(Action onClosed) => throw new NotSupportedException();

    /// <summary>Every frame written so far, as (opcode, payload).</summary>
    public List<(WebSocketOpcode Opcode, byte[] Payload)> Frames()
    {
        var frames = new List<(WebSocketOpcode, byte[])>();
        var bytes = _written.ToArray();
        var at = 0;
        while (at < bytes.Length)
        {
            Assert.AreEqual(0x80, bytes[at] & 0xF0, "final, no reserved bit");
            var length7 = bytes[at + 1];
            var header = length7 switch { 126 => 4, 127 => 10, _ => 2 };
            var length = length7 switch
            {
                126 => BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 2)),
                127 => (int)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(at + 2)),
                _ => length7,
            };
            frames.Add(((WebSocketOpcode)(bytes[at] & 0x0F), bytes[(at + header)..(at + header + length)]));
            at += header + length;
        }

        return frames;
    }

    /// <summary>The close codes written, in order.</summary>
    public List<int> CloseCodes() =>
        Frames().Where(f => f.Opcode == WebSocketOpcode.Close).Select(f => (int)BinaryPrimitives.ReadUInt16BigEndian(f.Payload)).ToList();
}
