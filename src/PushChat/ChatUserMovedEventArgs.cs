using System;

namespace PushChat;

/// <summary>Data of <see cref="ChatServer.UserMoved"/>.</summary>
public sealed class ChatUserMovedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="user">The user, in the room moved to (<see cref="ChatUserInfo.Room"/>).</param>
    /// <param name="fromRoom">The room the user left.</param>
    public ChatUserMovedEventArgs(ChatUserInfo user, string fromRoom)
    {
        User = user;
        FromRoom = fromRoom;
    }

    /// <summary>The user, in the room moved to (<see cref="ChatUserInfo.Room"/>).</summary>
    public ChatUserInfo User { get; }

    /// <summary>The room the user left.</summary>
    public string FromRoom { get; }
}
