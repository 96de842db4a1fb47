namespace PushChat.Internal.Chat.State;

/// <summary>
/// The host's events as the state raises them: every node of a scaled-out chat applies every
/// change, but a change's events are raised once, on the node that made it (and not for the
/// changes a starting node reads to catch up). <see cref="ChatState"/> says which, under its lock.
/// </summary>
internal sealed class OriginEvents : IChatEvents
{
    private readonly IChatEvents _host;

    public OriginEvents(IChatEvents host) => _host = host;

    /// <summary>Whether the change being applied raises its events here; set under the state's lock.</summary>
    public bool Raising { get; set; } = true;

    public void UserJoined(ChatUserInfo user)
    {
        if (Raising)
        {
            _host.UserJoined(user);
        }
    }

    public void UserLeft(ChatUserInfo user, ChatLeaveReason reason)
    {
        if (Raising)
        {
            _host.UserLeft(user, reason);
        }
    }

    public void MessagePosted(ChatMessage message)
    {
        if (Raising)
        {
            _host.MessagePosted(message);
        }
    }

    public void LineDeleted(string room, long sequence, string? deletedBy)
    {
        if (Raising)
        {
            _host.LineDeleted(room, sequence, deletedBy);
        }
    }

    public void UserMoved(ChatUserInfo user, string fromRoom)
    {
        if (Raising)
        {
            _host.UserMoved(user, fromRoom);
        }
    }

    public void RoomCreated(ChatRoomInfo room, string? createdBy)
    {
        if (Raising)
        {
            _host.RoomCreated(room, createdBy);
        }
    }

    public void RoomClosed(ChatRoomInfo room, string? closedBy)
    {
        if (Raising)
        {
            _host.RoomClosed(room, closedBy);
        }
    }

    public void TopicChanged(ChatRoomInfo room, string? changedBy)
    {
        if (Raising)
        {
            _host.TopicChanged(room, changedBy);
        }
    }

    public void Moderated(ChatModerationEventArgs audit)
    {
        if (Raising)
        {
            _host.Moderated(audit);
        }
    }
}
