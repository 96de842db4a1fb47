using PushChat.Localization;

namespace PushChat.Internal.Push;

/// <summary>
/// The tombstone of a deleted line, kept in the line's room log at a position of its own. Live,
/// every open stream gets it, in any room, since a stream may have shown the line in a room it has
/// since left; a reader resuming from a position gets it only if it had the line.
/// </summary>
internal sealed class LineRemoval : PushItem
{
    private readonly LineEncoders _encoders;

    public LineRemoval(ChatLine line, LineEncoders encoders, long stamp)
        : base(stamp, encoders.Languages)
    {
        Line = line.Message;
        Removes = line.Position;
        _encoders = encoders;
    }

    public ChatMessage Line { get; }

    /// <summary>Where the deleted line stands in the same log.</summary>
    public LogPosition Removes { get; }

    /// <summary>Every reader: one that never saw the line ignores the removal.</summary>
    public override bool IsFor(IPushReader reader, bool live) => true;

    public override bool IsNewsAfter(long seen) => Removes.Sequence <= seen;

    public override string EventName => "delete";

    protected override byte[] EncodeHtml(ChatLanguage language) => _encoders.EncodeRemoval(LineFormat.Html, Line, language);

    protected override byte[] EncodeJson(ChatLanguage language) => ItemJson.Removal(this);
}
