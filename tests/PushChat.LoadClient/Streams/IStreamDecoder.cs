namespace PushChat.LoadClient.Streams;

/// <summary>
/// Decodes one reader's stream incrementally, whatever the read boundaries: each read's bytes are
/// fed once, in order, and are not kept past the call (a decoder copies what it must carry over).
/// </summary>
internal interface IStreamDecoder
{
    void Feed(ReadOnlySpan<byte> data, long now);
}
