using PushChat.Internal.Push;

namespace PushChat.Internal.Chat.Changes;

/// <summary>A line for a room; the applier numbers it. <paramref name="Audience"/> says who may see it.</summary>
internal sealed record LinePosted(string Room, ChatMessageKind Kind, string? Sender, string? SenderColor, string Text, LineAudience Audience) : ChatChange;
