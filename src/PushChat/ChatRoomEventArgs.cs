using System;

namespace PushChat;

/// <summary>Data of <see cref="ChatServer.RoomCreated"/>, <see cref="ChatServer.RoomClosed"/> and <see cref="ChatServer.TopicChanged"/>.</summary>
public sealed class ChatRoomEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="room">The room as it was right after the change.</param>
    /// <param name="changedBy">The user who made the change, or <see langword="null"/> when the server or the host made it.</param>
    public ChatRoomEventArgs(ChatRoomInfo room, string? changedBy)
    {
        Room = room;
        ChangedBy = changedBy;
    }

    /// <summary>The room as it was right after the change.</summary>
    public ChatRoomInfo Room { get; }

    /// <summary>The user who made the change, or <see langword="null"/> when the server or the host made it.</summary>
    public string? ChangedBy { get; }
}
