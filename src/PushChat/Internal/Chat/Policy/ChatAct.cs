namespace PushChat.Internal.Chat.Policy;

/// <summary>Everything a user or the host may ask of the chat that the policy decides on: moderation acts, then the acts of every user.</summary>
internal enum ChatAct
{
    Kick,
    Mute,
    Unmute,
    Ban,
    BanAddress,
    Unban,
    LookUpAddress,
    Op,
    Deop,
    CloseRoom,
    Topic,
    DeleteLine,
    MoveUser,
    SetRole,
    Join,
    CreateRoom,
    Color,
    Ignore,
    Query,
}
