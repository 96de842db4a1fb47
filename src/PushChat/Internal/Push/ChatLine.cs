using System.Threading;
using PushChat.Localization;

namespace PushChat.Internal.Push;

/// <summary>A line or notice of a room's log, or a private one of a session's mailbox, with its audience.</summary>
internal sealed class ChatLine : PushItem
{
    private readonly LineEncoders _encoders;
    private int _deleted;

    /// <param name="message">The line.</param>
    /// <param name="audience">Who may see it.</param>
    /// <param name="encoders">How it is written for each format.</param>
    /// <param name="stamp">When it was applied, in the chat state's order of changes.</param>
    /// <param name="sameBytesAs">The same line in another log (a whisper's other end), whose bytes it shares.</param>
    public ChatLine(ChatMessage message, LineAudience audience, LineEncoders encoders, long stamp, ChatLine? sameBytesAs = null)
        : base(stamp, encoders.Languages, sameBytesAs)
    {
        Message = message;
        Audience = audience;
        _encoders = encoders;
    }

    public ChatMessage Message { get; }

    public LineAudience Audience { get; }

    /// <summary>The room's topic as this line set it (empty when cleared), or null for any other line.</summary>
    public string? Topic { get; init; }

    /// <summary>
    /// A notice's words, kept to be written in each reader's language; <see cref="Message"/>'s
    /// text is them in the server's default language. Null for a line someone said.
    /// </summary>
    public LocalText? Notice { get; init; }

    /// <summary>Set once the line is deleted: it stays in its log for positions, but is never replayed.</summary>
    public bool IsDeleted => Volatile.Read(ref _deleted) != 0;

    public void MarkDeleted() => Volatile.Write(ref _deleted, 1);

    /// <summary>
    /// Whether the reader may see the line: live, as the reader's ignores stood when the line was
    /// applied (fan-out reaches readers later, on another thread); on replay, as they stand now.
    /// </summary>
    public override bool IsFor(IPushReader reader, bool live) =>
        Audience.Includes(reader, Message.Sender, live ? Stamp : long.MaxValue);

    public override bool IsNewsAfter(long seen) => !IsDeleted;

    public override string EventName => "line";

    /// <summary>The line as a reader of <paramref name="language"/> reads it: a notice in their words.</summary>
    public ChatMessage MessageIn(ChatLanguage language) =>
        Notice is { IsPlain: false } notice ? Message.WithText(notice.In(language)) : Message;

    protected override bool IsWordedPerLanguage => Notice is { IsPlain: false };

    protected override byte[] EncodeHtml(ChatLanguage language) => _encoders.Encode(LineFormat.Html, MessageIn(language), language);

    protected override byte[] EncodeJson(ChatLanguage language) => ItemJson.Line(this, MessageIn(language));
}
