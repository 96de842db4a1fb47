namespace PushChat.LoadClient.Streams;

/// <summary>
/// Where a stream decoder hands each benchmark line it finds: the post's sequence number and the
/// tick at which it was scheduled (both read from the line's <c>@SEQUENCE.TICKS.</c> marker).
/// </summary>
internal interface ILineSink
{
    void OnLine(long sequence, long ticks, long now);
}
