using PushChat.LoadClient.Streams;

namespace PushChat.Tests.LoadClient;

/// <summary>What a stream decoder handed on: the benchmark lines it found and the bytes it sent back.</summary>
internal sealed class RecordingSink : ILineSink, IReplySender
{
    public List<(long Sequence, long Ticks, long Now)> Lines { get; } = new();

    public List<byte[]> Replies { get; } = new();

    public void OnLine(long sequence, long ticks, long now) => Lines.Add((sequence, ticks, now));

    public void Send(ReadOnlySpan<byte> bytes) => Replies.Add(bytes.ToArray());

    /// <summary>The lines as "sequence.ticks", for comparing runs whose read times differ.</summary>
    public string[] Markers() => Lines.Select(l => $"{l.Sequence}.{l.Ticks}").ToArray();
}
