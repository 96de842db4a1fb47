namespace PushChat.Internal.Push;

/// <summary>
/// A deleted line, for the screens that may still show it: every open stream gets it, in any
/// room, since a stream may have shown the line in a room it has since left. Never kept in
/// history: a deleted line is not replayed, so there is nothing to take back there.
/// </summary>
internal sealed class LineRemoval : PushItem
{
    private readonly LineEncoders _encoders;

    public LineRemoval(ChatMessage line, LineEncoders encoders)
    {
        Line = line;
        _encoders = encoders;
    }

    public ChatMessage Line { get; }

    /// <summary>Every reader: one that never saw the line ignores the removal.</summary>
    public override bool IsFor(IPushReader reader, bool live) => true;

    protected override byte[] Encode(LineFormat format) => _encoders.EncodeRemoval(format, Line);
}
