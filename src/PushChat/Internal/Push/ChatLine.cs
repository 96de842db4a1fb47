namespace PushChat.Internal.Push;

/// <summary>A numbered line of a room with its audience.</summary>
internal sealed class ChatLine : PushItem
{
    private readonly LineEncoders _encoders;

    public ChatLine(ChatMessage message, LineAudience audience, LineEncoders encoders, long stamp)
    {
        Message = message;
        Audience = audience;
        _encoders = encoders;
        Stamp = stamp;
    }

    public ChatMessage Message { get; }

    public LineAudience Audience { get; }

    public long Sequence => Message.Sequence;

    /// <summary>When the line was applied, in the chat state's order of changes.</summary>
    public long Stamp { get; }

    /// <summary>
    /// Whether the reader may see the line: live, as the reader's ignores stood when the line was
    /// applied (fan-out reaches readers later, on another thread); on replay, as they stand now.
    /// </summary>
    public override bool IsFor(IPushReader reader, bool live) =>
        Audience.Includes(reader, Message.Sender, live ? Stamp : long.MaxValue);

    protected override byte[] Encode(LineFormat format) => _encoders.Encode(format, Message);
}
