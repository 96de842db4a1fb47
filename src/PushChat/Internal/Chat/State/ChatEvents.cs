using System;

namespace PushChat.Internal.Chat.State;

/// <summary>The after-the-fact notifications the engine raises; the server forwards them to host events.</summary>
internal interface IChatEvents
{
    void UserJoined(ChatUserInfo user);

    void UserLeft(ChatUserInfo user, ChatLeaveReason reason);

    void MessagePosted(ChatMessage message);

    void LineDeleted(string room, long sequence, string? deletedBy);

    void UserMoved(ChatUserInfo user, string fromRoom);

    void RoomCreated(ChatRoomInfo room, string? createdBy);

    void RoomClosed(ChatRoomInfo room, string? closedBy);

    void TopicChanged(ChatRoomInfo room, string? changedBy);

    /// <summary>A privileged act was done, or refused (<see cref="ChatModerationEventArgs.Refusal"/>).</summary>
    void Moderated(ChatModerationEventArgs audit);
}
