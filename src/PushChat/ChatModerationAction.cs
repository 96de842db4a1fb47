namespace PushChat;

/// <summary>A privileged act on a user or a room, as <see cref="ChatModerationEventArgs"/> reports it.</summary>
public enum ChatModerationAction
{
    /// <summary>A session was ended; the user may log in again.</summary>
    Kick = 0,

    /// <summary>A name or an address was banned for a while; sessions it hit were ended.</summary>
    Ban = 1,

    /// <summary>A ban was lifted before it ran out.</summary>
    Unban = 2,

    /// <summary>A user may not speak, whisper or act for a while.</summary>
    Mute = 3,

    /// <summary>A mute was lifted before it ran out.</summary>
    Unmute = 4,

    /// <summary>An admin looked up the address a user is connected from.</summary>
    LookUpAddress = 5,

    /// <summary>A user became an owner of a room.</summary>
    Op = 6,

    /// <summary>A user stopped being an owner of a room.</summary>
    Deop = 7,

    /// <summary>A room was closed by its owner or an admin.</summary>
    CloseRoom = 8,

    /// <summary>The host moved a user to another room.</summary>
    MoveUser = 9,

    /// <summary>The host changed the role of a user's session.</summary>
    SetRole = 10,
}
