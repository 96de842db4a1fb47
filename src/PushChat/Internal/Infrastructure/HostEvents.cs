using System;
using PushChat.Internal.Chat.State;

namespace PushChat.Internal.Infrastructure;

/// <summary>
/// Holds the host's handlers of <see cref="ChatServer"/>'s events and raises them through the
/// dispatcher, only when someone listens. The public events add and remove here, so that the
/// engine reaches the handlers without reaching into the public type.
/// </summary>
internal sealed class HostEvents : IChatEvents
{
    private readonly object _sender;

    /// <param name="sender">The server, passed to every handler as its sender.</param>
    public HostEvents(object sender) => _sender = sender;

    public event EventHandler<ChatUserEventArgs>? UserJoinedHandlers;

    public event EventHandler<ChatUserEventArgs>? UserLeftHandlers;

    public event EventHandler<ChatMessageEventArgs>? MessagePostedHandlers;

    public event EventHandler<ChatLineDeletedEventArgs>? LineDeletedHandlers;

    public event EventHandler<ChatUserMovedEventArgs>? UserMovedHandlers;

    public event EventHandler<ChatRoomEventArgs>? RoomCreatedHandlers;

    public event EventHandler<ChatRoomEventArgs>? RoomClosedHandlers;

    public event EventHandler<ChatRoomEventArgs>? TopicChangedHandlers;

    public event EventHandler<ChatModerationEventArgs>? ModerationPerformedHandlers;

    public event EventHandler<ChatModerationEventArgs>? ModerationRefusedHandlers;

    /// <summary>Set at start; nothing is raised before it.</summary>
    public NotificationDispatcher? Dispatcher { get; set; }

    public void UserJoined(ChatUserInfo user) =>
        Raise(nameof(ChatServer.UserJoined), UserJoinedHandlers, () => new ChatUserEventArgs(user, null));

    public void UserLeft(ChatUserInfo user, ChatLeaveReason reason) =>
        Raise(nameof(ChatServer.UserLeft), UserLeftHandlers, () => new ChatUserEventArgs(user, reason));

    public void MessagePosted(ChatMessage message) =>
        Raise(nameof(ChatServer.MessagePosted), MessagePostedHandlers, () => new ChatMessageEventArgs(message));

    public void LineDeleted(string room, long sequence, string? deletedBy) =>
        Raise(nameof(ChatServer.LineDeleted), LineDeletedHandlers, () => new ChatLineDeletedEventArgs(room, sequence, deletedBy));

    public void UserMoved(ChatUserInfo user, string fromRoom) =>
        Raise(nameof(ChatServer.UserMoved), UserMovedHandlers, () => new ChatUserMovedEventArgs(user, fromRoom));

    public void RoomCreated(ChatRoomInfo room, string? createdBy) =>
        Raise(nameof(ChatServer.RoomCreated), RoomCreatedHandlers, () => new ChatRoomEventArgs(room, createdBy));

    public void RoomClosed(ChatRoomInfo room, string? closedBy) =>
        Raise(nameof(ChatServer.RoomClosed), RoomClosedHandlers, () => new ChatRoomEventArgs(room, closedBy));

    public void TopicChanged(ChatRoomInfo room, string? changedBy) =>
        Raise(nameof(ChatServer.TopicChanged), TopicChangedHandlers, () => new ChatRoomEventArgs(room, changedBy));

    public void Moderated(ChatModerationEventArgs audit) =>
        Raise(audit.Refusal is null ? nameof(ChatServer.ModerationPerformed) : nameof(ChatServer.ModerationRefused), audit.Refusal is null ? ModerationPerformedHandlers : ModerationRefusedHandlers, () => audit);

    /// <summary>Each handler runs on its own, so one that throws does not keep the others from running.</summary>
    private void Raise<TArgs>(string name, EventHandler<TArgs>? handlers, Func<TArgs> args)
    {
        if (handlers is null || Dispatcher is not { } dispatcher)
        {
            return;
        }

        var data = args();
        foreach (EventHandler<TArgs> handler in handlers.GetInvocationList())
        {
            dispatcher.Post(name, () => handler(_sender, data));
        }
    }
}
