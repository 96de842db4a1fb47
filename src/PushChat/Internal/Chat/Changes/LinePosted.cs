using PushChat.Internal.Push;
using PushChat.Localization;

namespace PushChat.Internal.Chat.Changes;

/// <summary>
/// A line for a room; the applier numbers it. <paramref name="Audience"/> says who may see it. A
/// user's line names the sender's session and, in <paramref name="Room"/>, the room its message
/// filters approved it for: a room line is refused once the sender is in another room or the
/// session has ended. A line for one user names that user's
/// session in <paramref name="TargetSessionId"/>: a whisper reaches it in whatever room it is, and is
/// refused once it has ended. A notice of a topic change carries the new topic (empty when
/// cleared) in <paramref name="Topic"/>, so the room's log tells its readers what the topic is.
/// </summary>
internal sealed record LinePosted(string Room, ChatMessageKind Kind, string? Sender, string? SenderColor, string Text, LineAudience Audience, string? SenderSessionId = null, string? Target = null, string? TargetSessionId = null, string? Topic = null) : ChatChange
{
    /// <summary>
    /// The chat's own notice, worded in each reader's language; <see cref="Text"/> is not used
    /// then: the line's text is the notice in the server's default language. Null for a line
    /// someone said and for the host's own notices, which read the same in every language.
    /// </summary>
    public LocalText? Notice { get; init; }
}
