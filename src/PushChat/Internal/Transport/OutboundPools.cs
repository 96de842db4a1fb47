namespace PushChat.Internal.Transport;

/// <summary>
/// What a server's outbound queues borrow and give back instead of allocating: pinned blocks for
/// the bytes a write copies, and segment arrays for readers that lag. One per server, so that a
/// stopped server's memory goes with it.
/// </summary>
internal sealed class OutboundPools
{
    public PinnedBlockPool Blocks { get; } = new();

    public SegmentArrayPool Segments { get; } = new();
}
