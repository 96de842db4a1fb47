using System.Buffers;

namespace PushChat.Tests.Http;

/// <summary>
/// Bytes held one per segment, each segment counting how often its span is read: with one byte per
/// segment that count is the number of bytes a reader examined or copied.
/// </summary>
internal sealed class CountingSequence
{
    private readonly Segment[] _segments;

    public CountingSequence(byte[] data)
    {
        _segments = new Segment[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            _segments[i] = new Segment(new CountingMemory(this, data[i]), i > 0 ? _segments[i - 1] : null, i);
        }
    }

    /// <summary>Span reads so far, over every prefix handed out.</summary>
    public long SpanReads { get; private set; }

    /// <summary>The first <paramref name="length"/> bytes (at least 1), one segment each; built without copying.</summary>
    public ReadOnlySequence<byte> Prefix(int length) => new(_segments[0], 0, _segments[length - 1], 1);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(CountingMemory memory, Segment? previous, long runningIndex)
        {
            Memory = memory.Memory;
            RunningIndex = runningIndex;
            if (previous is not null)
            {
                previous.Next = this;
            }
        }
    }

    private sealed class CountingMemory : MemoryManager<byte>
    {
        private readonly CountingSequence _owner;
        private readonly byte[] _data;

        public CountingMemory(CountingSequence owner, byte value)
        {
            _owner = owner;
            _data = [value];
        }

        public override Span<byte> GetSpan()
        {
            _owner.SpanReads++;
            return _data;
        }

        public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
