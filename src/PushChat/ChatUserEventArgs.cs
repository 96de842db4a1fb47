using System;

namespace PushChat;

/// <summary>Data of <see cref="ChatServer.UserJoined"/> and <see cref="ChatServer.UserLeft"/>.</summary>
public sealed class ChatUserEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="user">The user who joined or left.</param>
    /// <param name="leaveReason">Why the user left; <see langword="null"/> for a join.</param>
    public ChatUserEventArgs(ChatUserInfo user, ChatLeaveReason? leaveReason)
    {
        User = user;
        LeaveReason = leaveReason;
    }

    /// <summary>The user who joined or left.</summary>
    public ChatUserInfo User { get; }

    /// <summary>Why the user left; <see langword="null"/> for a join.</summary>
    public ChatLeaveReason? LeaveReason { get; }
}
